#!/usr/bin/env python3
"""What each feature of our generated code costs the compiler: a study on a copy.

    bash Benchmarks/compile-time.sh --only ours --keep      # prints where the package is
    python3 Benchmarks/CompileTime/study.py PACKAGE_DIR [--primary Part3.swift] [--runs N] [--no-module] [variant ...]

PACKAGE_DIR is the kept `ours` package (it holds Sources/OursSDK and a .build with the
runtime built in debug). For each variant the script copies Sources/OursSDK, rewrites
the copy (see VARIANTS), and runs the two kinds of frontend job a debug `swift build`
runs, with the same flags SwiftPM passes (Swift 6 mode, -Onone, -g, -enable-testing,
indexing):

  compile  swift-frontend -c with ONE file as primary and the others as secondaries,
           as one batch of the driver does (default primary: Part3.swift, a typical
           eighth of the SDK); the whole build runs eight such shares in two batches
  module   swift-frontend -emit-module of every file, the driver's emit-module job

and prints the user+system CPU seconds of each (the median of --runs, default 1) and
the change against `baseline`. `--no-module` leaves the module job out (it is about
8% of the SDK's build CPU; the compile jobs are the rest). The generated code is the default output of
`openapi-gen --files 8`; nothing is changed in the generator.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# --- Rewrites -------------------------------------------------------------------------


def no_hashable(text):
    """Drop the Hashable conformance from every generated type."""
    return text.replace(", Hashable", "").replace(": Hashable, ", ": ")


def no_sendable(text):
    return text.replace(", Sendable", "")


def no_docs(text):
    """Drop every doc comment line."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("///"))


def _drop_blocks(text, starts):
    """Drops each block whose first line satisfies `starts` (with the doc comment line
    right above it, if any), up to the line closing it at the same indentation."""
    lines = text.splitlines(keepends=True)
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if starts(lines, i):
            indent = len(line) - len(line.lstrip())
            while out and out[-1].lstrip().startswith("///") and (len(out[-1]) - len(out[-1].lstrip())) == indent:
                out.pop()
            if line.rstrip().endswith("}") and line.count("{") == line.count("}"):
                i += 1
                continue
            j = i + 1
            while j < len(lines):
                candidate = lines[j]
                if candidate.rstrip() == " " * indent + "}" or candidate.rstrip() == " " * indent + ")":
                    break
                j += 1
            # a multi-line parameter list ends with ") {", then the body
            if lines[j].rstrip() == " " * indent + ")":
                pass
            if lines[j].strip() == ")" or lines[j].strip().startswith(") {"):
                j += 1
                while j < len(lines) and lines[j].rstrip() != " " * indent + "}":
                    j += 1
            i = j + 1
            continue
        out.append(line)
        i += 1
    return "".join(out)


def no_memberwise_inits(text):
    """Drop the explicit memberwise `public init(...)` of every struct (the ones
    documented "Creates a value from its properties"); Swift then synthesizes an
    internal one."""
    def starts(lines, i):
        return lines[i].lstrip().startswith("public init(") and i > 0 and "Creates a value from its properties" in lines[i - 1]
    return _drop_blocks(text, starts)


def equatable_not_hashable(text):
    """Equatable instead of Hashable on every generated type."""
    return text.replace(", Hashable", ", Equatable")


def _open_enums(text, emit):
    """Finds each open string enum (`case unknown(String)`, init(rawValue:), rawValue)
    and replaces it with emit(indent, name, conformances, [(case, raw literal)])."""
    lines = text.splitlines(keepends=True)
    out = []
    i = 0
    header = re.compile(
        r"^(\s*)public enum (\w+): Codable, ((?:Hashable, |Equatable, )?Sendable), RawRepresentable \{\s*$")
    while i < len(lines):
        m = header.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent, name = m.group(1), m.group(2)
        end = i + 1
        while lines[end].rstrip() != indent + "}":
            end += 1
        body = lines[i + 1:end]
        raw = {}
        for line in body:
            c = re.match(r'\s*case ("(?:[^"\\]|\\.)*"): self = \.(`?\w+`?)\s*$', line)
            if c:
                raw.setdefault(c.group(2), c.group(1))
        cases = []
        for line in body:
            c = re.match(r"\s*case (`?\w+`?)\s*$", line)
            if c and c.group(1) in raw:
                cases.append((c.group(1), raw[c.group(1)]))
        if not cases:
            out.extend(lines[i:end + 1])
        else:
            out.append(emit(indent, name, m.group(3), cases))
        i = end + 1
    return "".join(out)


def struct_enums(text):
    """Open string enums as RawRepresentable structs with a static constant per known
    value: still open (unknown values decode and round-trip), no switch to type-check
    or emit; Codable from the standard library's RawRepresentable defaults."""
    def emit(indent, name, conformances, cases):
        body = [f"{indent}public struct {name}: Codable, {conformances}, RawRepresentable {{\n",
                f"{indent}    public var rawValue: String\n",
                f"{indent}    public init(rawValue: String) {{ self.rawValue = rawValue }}\n"]
        for case, literal in cases:
            body.append(f"{indent}    public static let {case} = {name}(rawValue: {literal})\n")
        body.append(f"{indent}}}\n")
        return "".join(body)
    return _open_enums(text, emit)


def enum_return_statements(text):
    """The open enums' `rawValue` getter as `switch` statements with `return` instead of
    a `switch` expression (`case .a: return "a"`)."""
    return re.sub(r'(?m)^(\s*case \.`?\w+`?: )("(?:[^"\\]|\\.)*")$', r"\1return \2", text).replace(
        "case .unknown(let value): value", "case .unknown(let value): return value")


def known_enums(text):
    """Open enums kept open (same cases, `unknown(String)`, same API), but the string
    conversion done by a private closed `enum Known: String` whose raw-value init and
    getter the compiler synthesises; the two switches left are over enum tags."""
    def emit(indent, name, conformances, cases):
        i2, i3, i4 = indent + "    ", indent + "        ", indent + "            "
        out = [f"{indent}public enum {name}: Codable, {conformances}, RawRepresentable {{\n"]
        out += [f"{i2}case {case}\n" for case, _ in cases]
        out.append(f"{i2}case unknown(String)\n\n")
        out.append(f"{i2}private enum Known: String {{\n")
        out += [f"{i3}case {case} = {literal}\n" for case, literal in cases]
        out.append(f"{i2}}}\n\n")
        out.append(f"{i2}public init(rawValue: String) {{\n{i3}switch Known(rawValue: rawValue) {{\n")
        out += [f"{i3}case .{case}?: self = .{case}\n" for case, _ in cases]
        out.append(f"{i3}case nil: self = .unknown(rawValue)\n{i3}}}\n{i2}}}\n\n")
        out.append(f"{i2}public var rawValue: String {{\n{i3}switch self {{\n")
        out += [f"{i3}case .{case}: return Known.{case}.rawValue\n" for case, _ in cases]
        out.append(f"{i3}case .unknown(let value): return value\n{i3}}}\n{i2}}}\n{indent}}}\n")
        return "".join(out)
    return _open_enums(text, emit)


def no_equatable(text):
    """Drop the Equatable conformance (and with it the derived `==`) from every type."""
    return text.replace(": Codable, Equatable, Sendable", ": Codable, Sendable").replace(", Equatable", "")


def let_properties(text):
    """Stored properties `public let` instead of `public var`: no setter and no _modify
    accessor to emit per property (changes the API: values become immutable)."""
    return re.sub(r"(?m)^(\s*)public var (\w+): ([^{\n]+)$", r"\1public let \2: \3", text)


def closed_enums(text):
    """Open string enums (`case unknown(String)` + init(rawValue:) + rawValue) rewritten
    as closed `enum X: String` with raw values: an upper bound of what a simpler enum
    shape saves (it changes behaviour: unknown values would fail to decode)."""
    lines = text.splitlines(keepends=True)
    out = []
    i = 0
    header = re.compile(r"^(\s*)public enum (\w+): Codable, (?:Hashable, )?Sendable, RawRepresentable \{\s*$")
    while i < len(lines):
        m = header.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent, name = m.group(1), m.group(2)
        end = i + 1
        while lines[end].rstrip() != indent + "}":
            end += 1
        body = lines[i + 1:end]
        # raw values from the init(rawValue:) switch
        raw = {}
        for line in body:
            c = re.match(r'\s*case ("(?:[^"\\]|\\.)*"): self = \.(`?\w+`?)\s*$', line)
            if c:
                raw.setdefault(c.group(2), c.group(1))
        cases = []
        for line in body:
            c = re.match(r"\s*case (`?\w+`?)\s*$", line)
            if c and c.group(1) in raw:
                cases.append(c.group(1))
        if not cases:
            out.extend(lines[i:end + 1])
            i = end + 1
            continue
        conformances = "String, Codable, Hashable, Sendable" if "Hashable" in lines[i] else "String, Codable, Sendable"
        out.append(f"{indent}public enum {name}: {conformances} {{\n")
        for case in cases:
            out.append(f"{indent}    case {case} = {raw[case]}\n")
        out.append(f"{indent}}}\n")
        i = end + 1
    return "".join(out)


VARIANTS = {
    "baseline": [],
    "no-hashable": [no_hashable],
    "no-memberwise-inits": [no_memberwise_inits],
    "no-docs": [no_docs],
    "closed-enums": [closed_enums],
    "let-properties": [let_properties],
    "struct-enums": [struct_enums],
    "enum-return-statements": [enum_return_statements],
    "known-enums": [known_enums],
    "equatable+known-enums": [equatable_not_hashable, known_enums],
    "equatable+return-statements": [equatable_not_hashable, enum_return_statements],
    "equatable+return-statements+no-inits": [equatable_not_hashable, enum_return_statements, no_memberwise_inits],
    "equatable-not-hashable": [equatable_not_hashable],
    "no-hashable+struct-enums": [no_hashable, struct_enums],
    "no-hashable+struct-enums+no-inits": [no_hashable, struct_enums, no_memberwise_inits],
    "no-hashable+no-inits": [no_hashable, no_memberwise_inits],
    "no-sendable": [no_sendable],
    "no-equatable": [no_equatable],
    "no-equatable+let-properties": [no_equatable, let_properties],
    "all-above": [no_hashable, no_memberwise_inits, no_docs, closed_enums, let_properties],
}

# --- Jobs -----------------------------------------------------------------------------


def frontend_flags(package):
    triple_dir = None
    build = os.path.join(package, ".build")
    for name in os.listdir(build):
        if os.path.isdir(os.path.join(build, name, "debug", "Modules")):
            triple_dir = os.path.join(build, name, "debug")
    if triple_dir is None:
        sys.exit(f"no debug build in {build}: build the runtime first (compile-time.sh --keep does)")
    triple = os.path.basename(os.path.dirname(triple_dir))
    return [
        "-target", triple, "-disable-objc-interop", "-I", os.path.join(triple_dir, "Modules"),
        "-enable-testing", "-g", "-debug-info-format=dwarf", "-dwarf-version=4",
        "-module-cache-path", os.path.join(triple_dir, "ModuleCache"), "-swift-version", "6", "-Onone",
        "-D", "SWIFT_PACKAGE", "-D", "DEBUG", "-empty-abi-descriptor", "-enable-anonymous-context-mangled-names",
        "-Xcc", "-fPIC", "-Xcc", "-g", "-module-name", "OursSDK", "-package-name", "study", "-parse-as-library",
    ]


def compile_job(directory, primary, flags, work):
    """The frontend command of one compile job of the SDK in `directory`: `primary` with the
    other files secondary, as a batch of the driver compiles it, writing into `work` with a
    fresh index store and LLVM forced (-disable-incremental-llvm-codegen: else a repeated
    run skips code generation, half of the job). Shared by alternate.py and paired.py."""
    frontend = os.path.join(os.path.dirname(os.path.realpath(shutil.which("swift"))), "swift-frontend")
    files = sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".swift"))
    others = [p for p in files if not p.endswith("/" + primary)]
    shutil.rmtree(os.path.join(work, "index"), ignore_errors=True)
    return [frontend, "-frontend", "-c", "-primary-file", os.path.join(directory, primary), *others, *flags,
            "-o", os.path.join(work, "out.o"), "-index-store-path", os.path.join(work, "index"),
            "-disable-incremental-llvm-codegen"]


def take_option(args, name, default, convert=str):
    """Removes `name VALUE` from `args` and returns the converted value, or `default`."""
    if name not in args:
        return default
    i = args.index(name)
    value = convert(args[i + 1])
    del args[i:i + 2]
    return value


def timed(command):
    """Runs command; returns (cpu seconds of the child, wall seconds, return code, stderr)."""
    before = os.times()
    start = time.monotonic()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return cpu, wall, result.returncode, result.stderr


def main(argv):
    args = list(argv)
    primary, runs, names, with_module = "Part3.swift", 1, [], True
    package = None
    while args:
        a = args.pop(0)
        if a == "--primary":
            primary = args.pop(0)
        elif a == "--runs":
            runs = int(args.pop(0))
        elif a == "--no-module":
            with_module = False
        elif package is None:
            package = a
        else:
            names.append(a)
    if package is None:
        print(__doc__)
        return 64
    names = names or list(VARIANTS)
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        sys.exit(f"unknown variants {unknown}; known: {list(VARIANTS)}")
    frontend = subprocess.run(["swift", "-frontend", "-version"], capture_output=True, text=True)
    swift_frontend = shutil.which("swift-frontend") or os.path.join(
        os.path.dirname(os.path.realpath(shutil.which("swift"))), "swift-frontend")
    source = os.path.join(package, "Sources", "OursSDK")
    files = sorted(f for f in os.listdir(source) if f.endswith(".swift"))
    flags = frontend_flags(package)
    work = tempfile.mkdtemp(prefix="openapi-gen-compile-study.")
    print(f"compile study of {source} ({len(files)} files); primary {primary}; {runs} run(s); "
          f"load average {open('/proc/loadavg').read().split()[:3]}")
    print(f"{'variant':24} {'lines':>7} {'bytes':>9} {'compile CPU s':>14} {'module CPU s':>13} {'sum':>7}  vs baseline")
    base = None
    try:
        for name in names:
            dest = os.path.join(work, name)
            os.makedirs(dest)
            lines = size = 0
            for f in files:
                with open(os.path.join(source, f)) as handle:
                    text = handle.read()
                for rewrite in VARIANTS[name]:
                    text = rewrite(text)
                with open(os.path.join(dest, f), "w") as handle:
                    handle.write(text)
                lines += text.count("\n")
                size += len(text.encode())
            paths = [os.path.join(dest, f) for f in files]
            others = [p for p in paths if not p.endswith("/" + primary)]
            compile_cmd = [swift_frontend, "-frontend", "-c", "-primary-file", os.path.join(dest, primary), *others,
                           *flags, "-o", os.path.join(dest, "out.o"),
                           "-index-store-path", os.path.join(dest, "index"),
                           # A repeated run would otherwise skip LLVM (the object's IR hash
                           # matches), which is half of a clean job.
                           "-disable-incremental-llvm-codegen"]
            module_cmd = [swift_frontend, "-frontend", "-emit-module", *paths, *flags,
                          "-emit-module-path", os.path.join(dest, "OursSDK.swiftmodule"),
                          "-emit-module-doc-path", os.path.join(dest, "OursSDK.swiftdoc"),
                          "-emit-module-source-info-path", os.path.join(dest, "OursSDK.swiftsourceinfo")]
            results = {}
            failed = None
            jobs = (("compile", compile_cmd), ("module", module_cmd)) if with_module else (("compile", compile_cmd),)
            for kind, command in jobs:
                cpus = []
                for _ in range(runs):
                    # A fresh index store each run: an existing record is not rewritten.
                    shutil.rmtree(os.path.join(dest, "index"), ignore_errors=True)
                    cpu, wall, rc, err = timed(command)
                    if rc != 0:
                        failed = next((l for l in err.splitlines() if "error:" in l), err[-300:])
                        break
                    cpus.append(cpu)
                if failed:
                    break
                results[kind] = statistics.median(cpus)
            if failed:
                print(f"{name:24} {lines:>7} {size:>9}  does not compile: {failed[:160]}")
                continue
            results.setdefault("module", 0.0)
            total = results["compile"] + results["module"]
            if name == "baseline":
                base = results
            note = ""
            if base and name != "baseline":
                dc = (base["compile"] - results["compile"]) / base["compile"] * 100
                dm = (base["module"] - results["module"]) / base["module"] * 100 if base["module"] else 0.0
                note = f"compile -{dc:.1f}%, module -{dm:.1f}%"
            print(f"{name:24} {lines:>7} {size:>9} {results['compile']:>14.1f} {results['module']:>13.1f} {total:>7.1f}  {note}",
                  flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
