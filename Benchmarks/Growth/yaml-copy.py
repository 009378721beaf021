#!/usr/bin/env python3
"""The same spec as YAML, for measuring generation from YAML input (stdlib only).

    python3 Benchmarks/Growth/yaml-copy.py [SPEC.json] [OUT.yaml]

Defaults: shared/corpus/stripe-spec3-2022-04.json -> Benchmarks/.build/stripe-spec3-2022-04.yaml.
Block style, as specs are written by hand: keys and strings plain where YAML 1.2's core
schema reads them back as the same string, double-quoted otherwise (JSON's escapes, plus
YAML's line breaks and non-printable characters); numbers, booleans and null plain; empty
collections as `{}` and `[]`. The document means exactly what the JSON does.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus", "stripe-spec3-2022-04.json"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", ".build", "stripe-spec3-2022-04.yaml"))

# Plain scalars that stay strings: no indicator first, no ': ' or ' #', no trailing space.
SAFE_PLAIN = re.compile(r"^[A-Za-z_$/.][A-Za-z0-9_$/.()\- ,]*$")
RESOLVED = re.compile(
    r"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9].*|\.[0-9].*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x.*|0o.*)$"
)


def quote(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF) \
                or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append("\\u%04x" % code if code <= 0xFFFF else "\\U%08x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def string(text):
    if text and SAFE_PLAIN.match(text) and not RESOLVED.match(text) and not text.endswith(" ") \
            and text != "<<":
        return text
    return quote(text)


def scalar(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return string(value)


def emit(node, indent, first, out):
    """Writes a non-empty collection; its first line starts with `first` instead of the indent."""
    pad = " " * indent
    items = node.items() if isinstance(node, dict) else ((None, v) for v in node)
    for index, (key, value) in enumerate(items):
        lead = first if index == 0 else pad
        head = lead + (string(key) + ":" if isinstance(node, dict) else "-")
        if isinstance(value, dict) and value:
            if isinstance(node, dict):
                out.append(head + "\n")
                emit(value, indent + 2, " " * (indent + 2), out)
            else:
                emit(value, indent + 2, head + " ", out)
        elif isinstance(value, list) and value:
            out.append(head + "\n")
            emit(value, indent + 2, " " * (indent + 2), out)
        elif isinstance(value, dict):
            out.append(head + " {}\n")
        elif isinstance(value, list):
            out.append(head + " []\n")
        else:
            out.append(head + " " + scalar(value) + "\n")


def main(argv):
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    target = argv[2] if len(argv) > 2 else DEFAULT_OUT
    with open(source, encoding="utf-8") as f:
        document = json.load(f)
    out = []
    emit(document, 0, "", out)
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with open(target, "w", encoding="utf-8") as f:
        f.write("".join(out))
    print("%s: %d bytes" % (target, os.path.getsize(target)))


if __name__ == "__main__":
    main(sys.argv)
