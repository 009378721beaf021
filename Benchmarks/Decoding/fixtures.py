#!/usr/bin/env python3
"""Inputs of the decoding benchmark, made deterministically from the corpus.

    python3 Benchmarks/Decoding/fixtures.py spec OUT.json
    python3 Benchmarks/Decoding/fixtures.py payloads OUTDIR [--customers N] [--completions N]

`spec` writes the trimmed OpenAPI document both generators read (ours and
swift-openapi-generator), so that both SDKs hold exactly the same schemas:

  - Stripe (stripe-spec3-2022-04.json): `customer` and the closure of its `$ref`s, with
    every expandable field (`anyOf` [string, $ref...] marked `x-expansionResources`)
    reduced to its string alternative, which is what Stripe returns unless asked to
    expand; that keeps 67 of Stripe's 561 schemas (the full closure is 411). Plus
    `customer_list`, the response of GET /v1/customers, named.
  - OpenAI (openai.yaml): `CreateChatCompletionResponse` and its closure (6 schemas).

`payloads` writes, from the same schemas:

  customers.json         a `customer_list` of N customers (default 1,000), every
                         property present (optional ones down to 5 levels), nested objects (address, shipping, discount
                         with its coupon, invoice settings, tax ids, sources of each
                         kind, subscriptions with items and prices, metadata), some
                         nullable ones null
  chat-completion.json   one chat completion with 2 choices, a tool call and token
                         logprobs (about 25 KB)
  chat-completions.json  a JSON array of N such completions (default 200)

Values come from a counter, not a random generator: the same files every time.
Needs only Python 3 (and PyYAML, or the JSON copy of openai.yaml, for the spec; the
payloads need neither, they read the trimmed spec).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))


def refs(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                found.add(value.split("/")[-1])
            elif not key.startswith("x-"):
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def closure(schemas, roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = set()
        refs(schemas[name], found)
        todo.extend(found)
    return seen


def unexpand(node):
    """Expandable fields as Stripe returns them by default: the id string."""
    if isinstance(node, dict):
        if "x-expansionResources" in node and "anyOf" in node:
            strings = [a for a in node["anyOf"] if a.get("type") == "string"]
            assert len(strings) == 1, node
            out = {k: v for k, v in node.items() if k not in ("anyOf", "x-expansionResources")}
            out.update(strings[0])
            return out
        return {k: unexpand(v) for k, v in node.items()}
    if isinstance(node, list):
        return [unexpand(v) for v in node]
    return node


def make_spec():
    with open(os.path.join(CORPUS, "stripe-spec3-2022-04.json")) as f:
        stripe = json.load(f)
    stripe_schemas = {k: unexpand(v) for k, v in stripe["components"]["schemas"].items()}
    listing = unexpand(
        stripe["paths"]["/v1/customers"]["get"]["responses"]["200"]["content"]["application/json"]["schema"])
    listing = dict(listing, description="A page of customers, as GET /v1/customers returns it.")
    schemas = {name: stripe_schemas[name] for name in sorted(closure(stripe_schemas, ["customer"]))}
    schemas["customer_list"] = listing

    import yaml  # only here: the payloads don't need it

    with open(os.path.join(CORPUS, "openai.yaml")) as f:
        openai = yaml.safe_load(f)
    openai_schemas = openai["components"]["schemas"]
    for name in sorted(closure(openai_schemas, ["CreateChatCompletionResponse"])):
        assert name not in schemas, name
        schemas[name] = openai_schemas[name]
    return {
        "openapi": "3.0.0",
        "info": {
            "title": "Decoding Bench",
            "version": "1.0.0",
            "description": "Stripe's customer (2022-04) and OpenAI's chat completion schemas, trimmed "
            "by Benchmarks/Decoding/fixtures.py for the decoding benchmark.",
        },
        "paths": {},
        "components": {"schemas": schemas},
    }


class Maker:
    """Builds instances of schemas; every scalar comes from one running counter."""

    WORDS = ("alpha", "Brötchen", "café", "delta \"quoted\"", "echo/slash", "foxtrot", "golf\nline", "hotel", "日本")

    def __init__(self, schemas):
        self.schemas = schemas
        self.count = 0
        self.choices = 0

    def tick(self):
        self.count += 1
        return self.count

    @staticmethod
    def mix(k):
        """A well-spread function of the counter (Knuth's multiplicative hash)."""
        return ((k * 2654435761) % 2**32) >> 12

    def source_kinds(self, schema):
        return sorted(
            "source_type_" + prop
            for prop, sub in schema.get("properties", {}).items()
            if sub.get("$ref", "").endswith("/source_type_" + prop))

    def resolve(self, schema):
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].split("/")[-1]]
        return schema

    def make(self, schema, name="value", depth=0, required=True):
        ref = schema.get("$ref", "").split("/")[-1]
        schema = self.resolve(schema)
        k = self.tick()
        if schema.get("nullable") and self.mix(k) % 5 == 0:
            return None
        for key in ("anyOf", "oneOf"):
            if key in schema:
                choices = schema[key]
                self.choices += 1
                return self.make(choices[self.mix(self.choices) % len(choices)], name, depth, required)
        if "allOf" in schema:
            merged = {}
            for part in schema["allOf"]:
                value = self.make(part, name, depth)
                if isinstance(value, dict):
                    merged.update(value)
            return merged
        kind = schema.get("type")
        if kind is None and "properties" in schema:
            kind = "object"
        if "enum" in schema:
            values = [v for v in schema["enum"] if v is not None and v != ""] or schema["enum"]
            return values[k % len(values)]
        if kind == "object":
            out = {}
            wanted = set(schema.get("required", []))
            # A Stripe source carries the details of its own type only.
            kinds = [p[len("source_type_"):] for p in self.source_kinds(schema)] if ref == "source" else []
            kind_of_source = kinds[self.mix(k) % len(kinds)] if kinds else None
            for prop, sub in schema.get("properties", {}).items():
                if depth > 4 and prop not in wanted:
                    continue
                if kinds and prop in kinds and prop != kind_of_source:
                    continue
                out[prop] = self.make(sub, prop, depth + 1, prop in wanted)
            if kind_of_source:
                out["type"] = kind_of_source
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and not schema.get("properties"):
                for i in range(2):
                    out[f"{name}_key_{i}"] = self.make(extra, name, depth + 1)
            return out
        if kind == "array":
            n = 2 if depth <= 1 else 1
            return [self.make(schema.get("items", {}), name, depth + 1) for _ in range(n)]
        if kind == "integer":
            if schema.get("format") == "unix-time" or name in ("created", "expires_at") or name.endswith("_at"):
                return 1640995200 + 3607 * k
            return (k * 7919) % 100000
        if kind == "number":
            return round(((k * 7919) % 100000) / 1000.0 - 20.0, 3)
        if kind == "boolean":
            return k % 2 == 0
        # strings
        if name == "id":
            return f"obj_{k:010d}"
        if name == "currency":
            return ("usd", "eur", "jpy")[k % 3]
        return f"{name} {self.WORDS[k % len(self.WORDS)]} {k}"


def make_payloads(spec_path, out, customers, completions):
    with open(spec_path) as f:
        schemas = json.load(f)["components"]["schemas"]
    os.makedirs(out, exist_ok=True)
    maker = Maker(schemas)
    page = {
        "object": "list",
        "url": "/v1/customers",
        "has_more": True,
        "data": [maker.make(schemas["customer"], "customer") for _ in range(customers)],
    }
    for i, customer in enumerate(page["data"]):
        customer["id"] = f"cus_{i:08d}"
    write(os.path.join(out, "customers.json"), page)

    maker = Maker(schemas)
    # Token logprobs make a completion large; a depth-limited instance would keep
    # only one of each, so give each choice 40 tokens with 3 alternatives.
    def completion():
        value = maker.make(schemas["CreateChatCompletionResponse"], "completion")
        value["object"] = "chat.completion"
        value["choices"] = [choice(i) for i in range(2)]
        return value

    def choice(index):
        c = maker.make(schemas["CreateChatCompletionResponse"]["properties"]["choices"]["items"], "choice", 1)
        c["index"] = index
        c["logprobs"] = {
            "content": [token() for _ in range(40)],
            "refusal": None,
        }
        return c

    def token():
        t = maker.make(schemas["ChatCompletionTokenLogprob"], "token", 4)
        t["top_logprobs"] = [
            maker.make(schemas["ChatCompletionTokenLogprob"]["properties"]["top_logprobs"]["items"], "token", 5)
            for _ in range(3)
        ]
        return t

    write(os.path.join(out, "chat-completion.json"), completion())
    write(os.path.join(out, "chat-completions.json"), [completion() for _ in range(completions)])


def write(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{path}: {os.path.getsize(path):,} bytes")


def main(argv):
    if len(argv) >= 2 and argv[0] == "spec":
        with open(argv[1], "w") as f:
            json.dump(make_spec(), f, indent=2, sort_keys=False)
            f.write("\n")
        return 0
    if len(argv) >= 2 and argv[0] == "payloads":
        customers, completions, spec = 1000, 200, None
        rest = argv[2:]
        while rest:
            if rest[0] == "--customers":
                customers = int(rest[1])
            elif rest[0] == "--completions":
                completions = int(rest[1])
            elif rest[0] == "--spec":
                spec = rest[1]
            else:
                break
            rest = rest[2:]
        if spec is None:
            print("payloads needs --spec SPEC (the output of `spec`)", file=sys.stderr)
            return 64
        make_payloads(spec, argv[1], customers, completions)
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
