#!/usr/bin/env python3
"""CPU of one compile job of two versions of the SDK, run side by side:

    python3 Benchmarks/CompileTime/paired.py PACKAGE DIR_A DIR_B [--primary Part3.swift] [--runs N]

PACKAGE is the kept `ours` package of `compile-time.sh --keep` (for the flags and the
runtime, which must be built from the sources DIR_A and DIR_B need); each DIR holds one
version of the SDK's Part*.swift. Each run starts the two jobs at the same moment, one per
core, so that both see the same machine: on a shared 2-core machine the speed of a core
can change by a third between runs minutes apart, which alternating runs
(`alternate.py`) cannot tell from a change in the code, while the ratio of two jobs run
together moves less (identical sources paired once gave 0.925, so take the median of
several runs, and trust only effects larger than that). Each job compiles PRIMARY with the other files
secondary, as the driver does, with a fresh index store and LLVM forced
(-disable-incremental-llvm-codegen). Prints each run's CPU seconds (user + system) and the
median of the ratios B/A; a job that fails stops the script with its error."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import study  # noqa: E402

args = sys.argv[1:]
primary = study.take_option(args, "--primary", "Part3.swift")
runs = study.take_option(args, "--runs", 3, int)
if len(args) != 3:
    sys.exit(__doc__)
package, first, second = args
flags = study.frontend_flags(package)


def command(directory, work):
    return ["/usr/bin/time", "-f", "%U %S", *study.compile_job(directory, primary, flags, work)]


ratios, times = [], {first: [], second: []}
for run in range(runs):
    works = {d: tempfile.mkdtemp() for d in (first, second)}
    jobs = {d: subprocess.Popen(command(d, works[d]), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for d in (first, second)}
    cpu = {}
    for d, job in jobs.items():
        err = job.communicate()[1]
        if job.returncode:
            sys.exit(f"the job of {d} failed:\n{err[-3000:]}")
        cpu[d] = sum(map(float, err.strip().split("\n")[-1].split()))
        times[d].append(cpu[d])
        shutil.rmtree(works[d])
    ratios.append(cpu[second] / cpu[first])
    print(f"run {run + 1}: {cpu[first]:.1f} s vs {cpu[second]:.1f} s CPU = {ratios[-1]:.3f}", flush=True)
print(f"{second} / {first}: median ratio {statistics.median(ratios):.3f} "
      f"(medians {statistics.median(times[first]):.1f} s and {statistics.median(times[second]):.1f} s CPU)")
