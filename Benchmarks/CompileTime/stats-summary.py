#!/usr/bin/env python3
"""Summarises a build made with -stats-output-dir and -debug-time-function-bodies /
-debug-time-expression-type-checking (see README.md, "Compile-time study").

    python3 Benchmarks/CompileTime/stats-summary.py STATS_DIR BUILD_LOG [MODULE]

MODULE (default OursSDK) selects the frontend jobs and source files that count.
Prints: the compiler's phases by CPU time (user + sys, summed over the module's jobs);
type-checking time of function bodies grouped by what they are (accessors, init(from:),
encode(to:), memberwise inits, ...); the slowest bodies and expressions.
"""
import collections
import json
import os
import re
import sys


def kind_of(description):
    d = description
    for name, pattern in [
        ("rawValue getter (open enums)", r"^getter .*\.rawValue\.getter"),
        ("client operation methods", r"^instance method .*Client extension"),
        ("property getter", r"^getter "),
        ("property setter", r"^setter "),
        ("_modify accessor", r"^_modify accessor"),
        ("init(from:)", r"\.init\(from:\)"),
        ("encode(to:)", r"\.encode\(to:\)"),
        ("hash(into:) / hashValue", r"hash\(into:\)|hashValue"),
        ("== (Equatable)", r"\.==|static func =="),
        ("init(rawValue:)", r"init\(rawValue:\)"),
        ("CodingKeys members", r"CodingKeys"),
        ("other init", r"\.init\("),
    ]:
        if re.search(pattern, d):
            return name
    return "other function"


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 64
    stats_dir, log = argv[0], argv[1]
    module = argv[2] if len(argv) > 2 else "OursSDK"
    phases = collections.Counter()
    jobs = 0
    for name in os.listdir(stats_dir):
        if f"-{module}-" not in name:
            continue
        jobs += 1
        with open(os.path.join(stats_dir, name)) as f:
            data = json.load(f)
        for key, value in data.items():
            m = re.match(r"time\.(.*)\.(user|sys)$", key)
            if m:
                phases[m.group(1)] += value
    print(f"{jobs} frontend jobs of {module}; phases by CPU seconds (user + sys; nested phases overlap):")
    for phase, seconds in phases.most_common(25):
        print(f"  {seconds:9.1f}  {phase}")

    bodies = collections.Counter()
    counts = collections.Counter()
    slow_bodies = []
    expressions = []
    line_re = re.compile(r"^(\d+(?:\.\d+)?)ms\t([^\t]+):(\d+):(\d+)(?:\t(.*))?$")
    seen = set()
    with open(log, errors="replace") as f:
        for line in f:
            # SwiftPM repeats a job's output in its log; count each line once.
            if line in seen:
                continue
            seen.add(line)
            m = line_re.match(line.rstrip("\n"))
            if not m or f"/{module}/" not in m.group(2):
                continue
            ms = float(m.group(1))
            where = f"{os.path.basename(m.group(2))}:{m.group(3)}"
            if m.group(5) is not None:
                k = kind_of(m.group(5))
                bodies[k] += ms
                counts[k] += 1
                slow_bodies.append((ms, where, m.group(5)[:120]))
            else:
                expressions.append((ms, where))
    total = sum(bodies.values())
    print(f"\nfunction bodies type-checked: {sum(counts.values())}, {total / 1000:.1f} s "
          "(every job that type-checks a body counts it)")
    for k, ms in bodies.most_common():
        print(f"  {ms / 1000:8.1f} s  {counts[k]:7d}  {k}")
    print("slowest bodies:")
    for ms, where, d in sorted(slow_bodies, reverse=True)[:12]:
        print(f"  {ms:8.1f} ms  {where}  {d}")
    if not expressions:
        return 0
    print(f"\nexpressions type-checked: {len(expressions)}, {sum(e[0] for e in expressions) / 1000:.1f} s; slowest:")
    for ms, where in sorted(expressions, reverse=True)[:10]:
        print(f"  {ms:8.1f} ms  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
