#!/usr/bin/env python3
"""A large synthetic spec for the growth measurement, made deterministically from Stripe's.

    python3 Benchmarks/Growth/synthetic-spec.py [--copies N] [--source SPEC] OUT.json

Writes one OpenAPI 3.0 document holding N renamed copies (default 5: about 21 MB) of
Stripe's spec (shared/corpus/stripe-spec3-2022-04.json, 4.2 MB, 417 operations, 561
schemas): in copy i (2..N; copy 1 is unchanged) every component is renamed `NAME_ci`
and every `$ref` to it follows, every path gets the prefix `/ci`, every operationId the
suffix `_ci`, every tag the suffix ` ci` (security schemes are shared). So the document has N times Stripe's schemas,
operations, descriptions and irregularities, and no name collides. JSON, as the source.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "stripe-spec3-2022-04.json"))


def rename_refs(node, suffix):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                parts = value.split("/")
                parts[-1] = parts[-1] + suffix
                out[key] = "/".join(parts)
            elif key == "tags" and isinstance(value, list) and all(isinstance(t, str) for t in value):
                out[key] = [t + suffix.replace("_", " ") for t in value]
            elif key == "operationId" and isinstance(value, str):
                out[key] = value + suffix
            else:
                out[key] = rename_refs(value, suffix)
        return out
    if isinstance(node, list):
        return [rename_refs(v, suffix) for v in node]
    return node


def main(argv):
    copies, source, rest = 5, DEFAULT_SOURCE, list(argv)
    while rest and rest[0].startswith("--"):
        if rest[0] == "--copies":
            copies = int(rest[1])
        elif rest[0] == "--source":
            source = rest[1]
        else:
            print(__doc__, file=sys.stderr)
            return 64
        rest = rest[2:]
    if len(rest) != 1 or copies < 1:
        print(__doc__, file=sys.stderr)
        return 64
    with open(source) as f:
        spec = json.load(f)
    out = {k: v for k, v in spec.items() if k not in ("paths", "components", "tags")}
    out["info"] = dict(spec["info"], title=spec["info"].get("title", "API") + f" x{copies}")
    out["paths"] = {}
    out["components"] = {}
    if "tags" in spec:
        out["tags"] = []
    for i in range(1, copies + 1):
        suffix = "" if i == 1 else f"_c{i}"
        prefix = "" if i == 1 else f"/c{i}"
        copy = rename_refs(spec, suffix)
        for path, item in copy["paths"].items():
            out["paths"][prefix + path] = item
        for section, members in copy.get("components", {}).items():
            if section == "securitySchemes":  # named by operations' `security`, not by $ref
                out["components"].setdefault(section, members)
                continue
            target = out["components"].setdefault(section, {})
            for name, value in members.items():
                target[name + suffix] = value
        for tag in copy.get("tags", []):
            out["tags"].append(dict(tag, name=tag["name"] + suffix.replace("_", " ")))
    with open(rest[0], "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(f"{rest[0]}: {os.path.getsize(rest[0]):,} bytes, {len(out['paths'])} paths, "
          f"{len(out['components'].get('schemas', {}))} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
