#!/usr/bin/env python3
"""CPU of one full compile job of each of several versions of the SDK, alternating:

    python3 Benchmarks/CompileTime/alternate.py PACKAGE DIR_A DIR_B ... [--primary Part3.swift] [--runs N]

PACKAGE is the kept `ours` package of `compile-time.sh --keep` (for the flags and the runtime);
each DIR holds one version of the SDK's Part*.swift. Each run compiles PRIMARY with the other
files secondary, as the driver does,
with a fresh index store and LLVM forced (-disable-incremental-llvm-codegen: else a
repeated run skips code generation, half of the job), and prints the medians against DIR_A."""
import sys, os, statistics, tempfile, shutil, subprocess, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import study
args = sys.argv[1:]
primary = study.take_option(args, "--primary", "Part3.swift")
runs = study.take_option(args, "--runs", 1, int)
package, dirs = args[0], args[1:]
flags = study.frontend_flags(package)
work = tempfile.mkdtemp()
cpus = {d: [] for d in dirs}
for r in range(runs):
    for d in dirs:
        cpu, wall, rc, err = study.timed(study.compile_job(d, primary, flags, work))
        if rc: print(err[-2000:]); sys.exit(1)
        cpus[d].append(cpu)
        print(f"{d}: {cpu:.1f} s CPU, obj {os.path.getsize(os.path.join(work,'out.o'))/1e6:.1f} MB", flush=True)
for d in dirs:
    print(f"{d}: median CPU {statistics.median(cpus[d]):.1f} s ({statistics.median(cpus[d])/statistics.median(cpus[dirs[0]]):.3f})")
