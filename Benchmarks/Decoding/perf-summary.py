#!/usr/bin/env python3
"""Where a decoding run's time goes, from `perf script` output (stdin).

    perf record -g -o perf.data .build/release/openapi-gen-decode-bench --only ours --loop 15 DIR
    perf script -i perf.data | python3 Benchmarks/Decoding/perf-summary.py

Counts samples by leaf (self time) grouped into coarse buckets, and for runtime
metadata lookups the first caller outside the Swift runtime.
"""
import collections
import re
import sys

BUCKETS = [
    ("metadata (swift_getGenericMetadata & co)", re.compile(r"GenericMetadata|MetadataCache|getCache|ConcurrentReadableHashMap|MetadataCacheKey|LockingConcurrentMap|swift_getWitnessTable|swift_conformsTo|getTypeByMangled|swift_checkMetadataState|swift_getAssociated")),
    ("retain/release", re.compile(r"swift_retain|swift_release|swift_bridgeObjectRe|RefCounts|swift_unknownObjectRe")),
    ("malloc/free", re.compile(r"^malloc$|^free$|_int_malloc|_int_free|swift_allocObject|swift_deallocClassInstance|swift_slowAlloc|swift_slowDealloc|cfree|malloc_consolidate|swift_allocBox|swift_deallocObject")),
    ("hashing/dictionary (String keys)", re.compile(r"Hasher|RawDictionaryStorage|NativeDictionary|_hash|SS4hash|Dictionary")),
    ("JSON scanning (JSONScanner/JSONMap)", re.compile(r"JSONScanner|JSONMap|_JSONMap|scanValue|scanString|scanNumber|skipWhitespace")),
    ("String creation/compare", re.compile(r"String|_allASCII|SS|_StringGuts|_StringObject|utf8|UTF8|memcmp|__memcmp")),
    ("number parsing", re.compile(r"strtod|Double|Int64|FixedWidthInteger|parseInteger|_parseJSON")),
    ("existential/dynamic casts", re.compile(r"swift_dynamicCast|existential|swift_getDynamicType|tryCast|Box")),
    ("JSONDecoderImpl containers", re.compile(r"JSONDecoderImpl|KeyedContainer|UnkeyedContainer|CodingPath")),
]


def bucket(symbol):
    for name, pattern in BUCKETS:
        if pattern.search(symbol):
            return name
    return "other"


def main():
    leaf = collections.Counter()
    by_symbol = collections.Counter()
    metadata_callers = collections.Counter()
    total = 0
    stack = []
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                total += 1
                sym = stack[0]
                b = bucket(sym)
                leaf[b] += 1
                by_symbol[sym[:110]] += 1
                if b.startswith("metadata"):
                    for frame in stack[1:]:
                        if bucket(frame) not in (b,) and "swift::" not in frame and "swift_" not in frame:
                            metadata_callers[frame[:140]] += 1
                            break
            stack = []
            continue
        if line.startswith((" ", "\t")):
            parts = line.strip().split(" ", 1)
            if len(parts) == 2:
                sym = parts[1].rsplit(" (", 1)[0]
                sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
                stack.append(sym)
    print(f"{total} samples")
    for name, n in leaf.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {name}")
    print("top self symbols:")
    for sym, n in by_symbol.most_common(15):
        print(f"  {100.0 * n / total:5.1f}%  {sym}")
    print("metadata lookups, first caller outside the runtime:")
    for sym, n in metadata_callers.most_common(10):
        print(f"  {100.0 * n / total:5.1f}%  {sym}")


if __name__ == "__main__":
    main()
