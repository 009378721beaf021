#!/usr/bin/env python3
"""The conformance judge: an HTTP server on 127.0.0.1 that validates every request a
generated SDK sends against the OpenAPI description (with openapi-core, which nobody here
wrote) and answers with a response the description documents, validated too.

    judge.py arguments SPEC            # JSON on stdout: argument values for every operation
    judge.py serve SPEC --log FILE     # prints "port N", serves until stdin closes

Both modes build values from the spec the same deterministic way (no randomness, no
clock): a schema's `example`/`examples` or `default` when it validates against the schema,
else the first `enum` value or `const`, else a value made from the type that honours
`format`, `pattern`, `minimum`/`maximum`, `minLength`/`maxLength`, `minItems`, required
properties (and optional ones in the "full" variant). Patterns are satisfied with
hypothesis' regex strategy, derandomized, so the same pattern always gives the same string;
when the hand-made value still fails the schema, hypothesis-jsonschema's minimal instance
(derandomized) is used instead.

The harness sends four request headers that are stripped before validation:
`X-Conformance-Call` (a number for the log), `X-Conformance-Operation` (`METHOD /path` as
the spec writes it), `X-Conformance-Status` (`200`, `4XX` or `default`: which documented
response to answer with) and `X-Conformance-Variant` (`minimal` or `full`: which argument
values the caller was given, so that a JSON body can be compared with them).

The server writes one JSON line per request to the log: the call, the operation, the status
answered, the request's validation errors and the judge's own response's validation errors;
and a line per warning about the spec (an example that does not match its schema, say).
It stops when its stdin closes or its parent process is gone, so it never outlives the
harness that started it.
"""

import argparse
import base64
import copy
import json
import re
import sys
import threading
import warnings

import yaml

HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]
RESERVED = ("X-Conformance-Call", "X-Conformance-Operation", "X-Conformance-Status", "X-Conformance-Variant")


class UnsupportedSpec(Exception):
    pass


# --- loading -------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML 1.2-ish: timestamps stay strings (an `example: 2024-01-01` is a string in JSON)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_spec(path):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    if path.lower().endswith(".json"):
        return json.loads(text)
    return yaml.load(text, Loader=_Loader)


def spec_version(raw):
    version = str(raw.get("openapi", ""))
    if version.startswith("3.0"):
        return "3.0"
    if version.startswith("3.1") or version.startswith("3.2"):
        return "3.1"
    raise UnsupportedSpec(f"OpenAPI version {version!r}")


def pointer(raw, ref):
    if not ref.startswith("#"):
        raise UnsupportedSpec(f"external reference {ref!r}")
    node = raw
    for part in ref[1:].split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


class Spec:
    def __init__(self, raw):
        if isinstance(raw, dict) and str(raw.get("swagger", "")).startswith("2"):
            raw = swagger2_to_openapi3(raw)
        self.raw = raw
        self.version = spec_version(raw)

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 64:
            node = pointer(self.raw, node["$ref"])
            seen += 1
        return node

    def operations(self):
        """(key, method, path, operation, path item) for every operation, in spec order."""
        for path, item in (self.raw.get("paths") or {}).items():
            item = self.resolve(item) or {}
            methods = [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]
            extra = item.get("additionalOperations") or {}
            for method in methods:
                yield f"{method.upper()} {path}", method, path, item[method], item
            for method, operation in extra.items():
                yield f"{method.upper()} {path}", method.lower(), path, operation, item

    def parameters(self, operation, item):
        merged = {}
        for parameter in (item.get("parameters") or []) + (operation.get("parameters") or []):
            parameter = self.resolve(parameter)
            merged[(parameter.get("in"), parameter.get("name"))] = parameter
        return list(merged.values())

    def security(self, operation):
        return operation["security"] if "security" in operation else self.raw.get("security") or []

    def for_validator(self, base_url):
        """The document openapi-core validates against: every server replaced by the judge's."""
        document = copy.deepcopy(self.raw)
        # Each server keeps its path (Box's `/2.0`, OpenAI's `/v1`) on the judge's origin, so
        # a request that loses the base path is not found. The SDK's client is given the
        # same URLs (the caller's `harness.url(path:)`).
        root = (document.get("servers") or [{"url": "/"}])[:1]
        document["servers"] = [{"url": base_url + server_path(server)} for server in root]
        for _, _, _, operation, item in Spec(document).operations():
            for node in (item, operation):
                if isinstance(node.get("servers"), list) and node["servers"]:
                    node["servers"] = [{"url": base_url + server_path(node["servers"][0])}]
                else:
                    node.pop("servers", None)
        # A path with a fragment (`/files/{id}#get_shared_link`, Box's way of describing two
        # operations of one path) is sent without it (HTTP has no fragments); the judge finds
        # the operation from the harness's header and validates it under a path of its own.
        paths = document.get("paths")
        if isinstance(paths, dict):
            document["paths"] = {fragment_path(path): item for path, item in paths.items()}
        drop_byte_schemas(document, 0)
        declare_required(document, 0, [])
        return document


def server_path(server):
    """The path of a server URL, its variables filled with their defaults: `/2.0` for
    `https://api.box.com/2.0`, `` for `https://api.stripe.com/`; as the caller computes it
    (CallerGenerator.serverPath)."""
    url = str(server.get("url", "")) if isinstance(server, dict) else ""
    for name, variable in ((server.get("variables") or {}) if isinstance(server, dict) else {}).items():
        if isinstance(variable, dict) and "default" in variable:
            url = url.replace("{" + str(name) + "}", str(variable["default"]))
    if "://" in url:
        rest = url.split("://", 1)[1]
        url = rest[rest.index("/"):] if "/" in rest else ""
    url = url.split("?", 1)[0].split("#", 1)[0]
    return url.rstrip("/")


def base_path(spec, operation, item):
    """The path of the server `operation` is sent to (its own, its path item's, else the
    document's first), as the judge serves it (see `Spec.for_validator`)."""
    for node in (operation, item):
        if isinstance(node.get("servers"), list) and node["servers"]:
            return server_path(node["servers"][0])
    return server_path((spec.raw.get("servers") or [{"url": "/"}])[0])


def json_media_types(node, found, depth=0):
    """Every JSON media type other than application/json the document names (`…+json`)."""
    if depth > 64:
        return found
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict):
            for media in content:
                base = str(media).split(";")[0].strip().lower()
                if is_json(base) and base != "application/json" and "*" not in base:
                    found.add(str(media).split(";")[0].strip())
        for value in node.values():
            json_media_types(value, found, depth + 1)
    elif isinstance(node, list):
        for value in node:
            json_media_types(value, found, depth + 1)
    return found


def make_validator(document, check_spec=True):
    """openapi-core for `document`; JSON media types such as `application/vnd.api+json` read
    as JSON (openapi-core knows only application/json)."""
    from openapi_core import OpenAPI, Config

    def loads(value, **parameters):
        return json.loads(value)

    extra = {media: loads for media in json_media_types(document, set())}
    # A format openapi-core knows no check for (`token`, `url`, Box's) is any string, as JSON
    # Schema says of unknown formats; openapi-core would reject the value instead
    # (python-openapi/openapi-core#515).
    from openapi_schema_validator import oas30_format_checker, oas31_format_checker
    known = set(oas30_format_checker.checkers) | set(oas31_format_checker.checkers)
    formats = {name: (lambda value: True) for name in schema_formats(document, set()) - known}
    config = dict(extra_media_type_deserializers=extra, extra_format_validators=formats)
    if check_spec:
        return OpenAPI.from_dict(document, config=Config(**config))
    return OpenAPI.from_dict(document, config=Config(spec_validator_cls=None, **config))


def schema_formats(node, found, depth=0):
    """Every `format` a schema of the document names."""
    if depth > 64:
        return found
    if isinstance(node, dict):
        if isinstance(node.get("format"), str) and isinstance(node.get("type"), (str, list)):
            found.add(node["format"])
        for value in node.values():
            schema_formats(value, found, depth + 1)
    elif isinstance(node, list):
        for value in node:
            schema_formats(value, found, depth + 1)
    return found


def is_bytes_media(media):
    media = media.split(";")[0].strip().lower()
    return not (is_json(media) or media.startswith("text/") or media.endswith("+xml") or media.endswith("/xml")
                or media in ("application/x-www-form-urlencoded", "multipart/form-data", "multipart/mixed"))


def declare_required(node, depth, found, where="#"):
    """Adds to `properties` (as `{}`, any value: what JSON Schema already means) every name
    an object schema lists in `required` without declaring it. openapi-core decodes a form
    body (`application/x-www-form-urlencoded`) into the declared properties only, so a
    required but undeclared one (Box's `PostOAuth2Revoke` requires `grant_type`) could never
    be present however the SDK sends it; declared, it is checked like the others. Not where
    `additionalProperties: false` forbids it (that schema is unsatisfiable as written).
    Appends the JSON pointer and the names of each schema it changed to `found`."""
    if depth > 64:
        return found
    if isinstance(node, dict):
        required = node.get("required")
        properties = node.get("properties")
        if isinstance(required, list) and (isinstance(properties, dict) or node.get("type") == "object") \
                and node.get("additionalProperties") is not False and "$ref" not in node:
            properties = properties if isinstance(properties, dict) else {}
            missing = [name for name in required if isinstance(name, str) and name not in properties
                       and not declared_in_parts(node, name, 0)]
            if missing:
                node["properties"] = {**properties, **{name: {} for name in missing}}
                found.append((where, missing))
        for key, value in node.items():
            declare_required(value, depth + 1, found, f"{where}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            declare_required(value, depth + 1, found, f"{where}/{index}")
    return found


def declared_in_parts(schema, name, depth):
    """Whether an `allOf`/`anyOf`/`oneOf` part of `schema` (not followed through `$ref`s)
    declares property `name`; such a name is left alone."""
    if depth > 16 or not isinstance(schema, dict):
        return False
    for keyword in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(keyword) or []:
            if isinstance(part, dict) and ("$ref" in part or name in (part.get("properties") or {})
                                           or declared_in_parts(part, name, depth + 1)):
                return True
    return False


def drop_byte_schemas(node, depth):
    """openapi-core checks a raw-bytes body (`application/octet-stream`, `image/png`) against a
    `type: string` schema as if it were text, and rejects any bytes; such bodies are only
    checked for their media type."""
    if depth > 64:
        return
    if isinstance(node, dict):
        content = node.get("content")
        if isinstance(content, dict):
            for media, entry in content.items():
                if isinstance(entry, dict) and is_bytes_media(str(media)) and isinstance(entry.get("schema"), dict) \
                        and entry["schema"].get("type") == "string":
                    del entry["schema"]
        for value in node.values():
            drop_byte_schemas(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            drop_byte_schemas(value, depth + 1)


# --- Swagger 2.0 ------------------------------------------------------------------------------


SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum",
               "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems",
               "multipleOf")


def swagger2_to_openapi3(raw):
    """A Swagger 2.0 document as the OpenAPI 3.0 document it describes, so that openapi-core
    can validate against it: definitions, parameters and responses moved to components, body
    and formData parameters made request bodies (with `consumes`), response schemas made
    content (with `produces`), collectionFormat made style/explode, security definitions
    made security schemes. Written here, apart from the generator's own conversion, so that
    a mistake in one is not repeated by the other."""
    def refs(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    value = (value.replace("#/definitions/", "#/components/schemas/")
                             .replace("#/responses/", "#/components/responses/"))
                if key == "x-nullable":
                    out["nullable"] = value
                    continue
                out[key] = refs(value)
            if out.get("type") == "file":
                out["type"] = "string"
                out["format"] = "binary"
            return out
        if isinstance(node, list):
            return [refs(v) for v in node]
        return node

    def parameter_ref(parameter):
        seen = 0
        while isinstance(parameter, dict) and "$ref" in parameter and seen < 16:
            parameter = pointer(raw, parameter["$ref"])
            seen += 1
        return parameter

    def schema_of(parameter):
        schema = {k: parameter[k] for k in SCHEMA_KEYS if k in parameter}
        if isinstance(schema.get("items"), dict):
            schema["items"] = schema_of(schema["items"]) if "$ref" not in schema["items"] else schema["items"]
        return refs(schema)

    consumes_default = raw.get("consumes") or ["application/json"]
    produces_default = raw.get("produces") or ["application/json"]
    document = {
        "openapi": "3.0.3",
        "info": raw.get("info") or {"title": "converted", "version": "1"},
        "servers": [{"url": f"{(raw.get('schemes') or ['https'])[0]}://{raw.get('host', 'localhost')}"
                            f"{raw.get('basePath', '')}"}],
        "paths": {},
        "components": {"schemas": refs(raw.get("definitions") or {}), "responses": {}, "securitySchemes": {}},
    }
    if "security" in raw:
        document["security"] = raw["security"]
    for name, scheme in (raw.get("securityDefinitions") or {}).items():
        kind = scheme.get("type")
        if kind == "basic":
            document["components"]["securitySchemes"][name] = {"type": "http", "scheme": "basic"}
        elif kind == "apiKey":
            document["components"]["securitySchemes"][name] = {
                "type": "apiKey", "name": scheme.get("name"), "in": scheme.get("in")}
        elif kind == "oauth2":
            flow = {"implicit": "implicit", "password": "password", "application": "clientCredentials",
                    "accessCode": "authorizationCode"}.get(scheme.get("flow"), "implicit")
            details = {"scopes": scheme.get("scopes") or {}}
            if flow in ("implicit", "authorizationCode"):
                details["authorizationUrl"] = scheme.get("authorizationUrl", "https://example.com/authorize")
            if flow in ("password", "clientCredentials", "authorizationCode"):
                details["tokenUrl"] = scheme.get("tokenUrl", "https://example.com/token")
            document["components"]["securitySchemes"][name] = {"type": "oauth2", "flows": {flow: details}}

    def response(entry, produces):
        entry = refs(entry)
        out = {"description": entry.get("description", "")}
        if "schema" in entry:
            out["content"] = {}
            for media in produces:
                out["content"][media] = {"schema": entry["schema"]}
                if media in (entry.get("examples") or {}):
                    out["content"][media]["example"] = entry["examples"][media]
        if entry.get("headers"):
            out["headers"] = {name: {"schema": schema_of(header), "description": header.get("description", "")}
                              for name, header in entry["headers"].items()}
        return out

    for name, entry in (raw.get("responses") or {}).items():
        document["components"]["responses"][name] = response(entry, produces_default)

    for path, item in (raw.get("paths") or {}).items():
        new_item = {}
        shared = [parameter_ref(p) for p in item.get("parameters") or []]
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            merged = {}
            for parameter in shared + [parameter_ref(p) for p in operation.get("parameters") or []]:
                merged[(parameter.get("in"), parameter.get("name"))] = parameter
            consumes = operation.get("consumes") or consumes_default
            produces = operation.get("produces") or produces_default
            converted = {k: refs(v) for k, v in operation.items()
                         if k not in ("parameters", "responses", "consumes", "produces", "schemes")}
            parameters = []
            form = {"type": "object", "properties": {}, "required": []}
            has_file = False
            for (location, name), parameter in merged.items():
                if location == "body":
                    converted["requestBody"] = {
                        "required": bool(parameter.get("required")),
                        "content": {media: {"schema": refs(parameter.get("schema") or {})} for media in consumes}}
                elif location == "formData":
                    form["properties"][name] = schema_of(parameter)
                    has_file = has_file or parameter.get("type") == "file"
                    if parameter.get("required"):
                        form["required"].append(name)
                else:
                    new = {k: parameter[k] for k in ("name", "in", "description", "required") if k in parameter}
                    new["schema"] = schema_of(parameter)
                    collection = parameter.get("collectionFormat", "csv")
                    if parameter.get("type") == "array":
                        if location == "query":
                            new.update({"csv": {"style": "form", "explode": False},
                                        "multi": {"style": "form", "explode": True},
                                        "ssv": {"style": "spaceDelimited", "explode": False},
                                        "pipes": {"style": "pipeDelimited", "explode": False}}.get(
                                collection, {"style": "form", "explode": False}))
                        else:
                            new.update({"style": "simple", "explode": False})
                    parameters.append(new)
            if form["properties"]:
                if not form["required"]:
                    del form["required"]
                media = "multipart/form-data" if has_file or "multipart/form-data" in consumes \
                    else "application/x-www-form-urlencoded"
                converted["requestBody"] = {"required": True, "content": {media: {"schema": form}}}
            if parameters:
                converted["parameters"] = parameters
            converted["responses"] = {}
            for code, entry in (operation.get("responses") or {}).items():
                if isinstance(entry, dict) and "$ref" in entry:
                    converted["responses"][str(code)] = refs(entry)
                else:
                    converted["responses"][str(code)] = response(entry or {}, produces)
            new_item[method] = converted
        document["paths"][path] = new_item
    return document


# --- values --------------------------------------------------------------------------------


class Values:
    """Deterministic instances of the spec's schemas (see the module's documentation)."""

    def __init__(self, spec):
        self.spec = spec
        self.warnings = []
        self._warned = set()
        # How many schemas no value was found for: a response made from one is the spec's
        # problem (a discriminator that contradicts its enum, say), not the SDK's.
        self.unsatisfiable = 0
        self._validators = {}
        self._regex = {}
        components = {k: spec.raw[k] for k in ("components", "definitions", "$defs") if k in spec.raw}
        self._root_extra = components

    def warn(self, text):
        if text not in self._warned:
            self._warned.add(text)
            self.warnings.append(text)

    # validation against one schema, $refs resolved in the whole document
    def errors(self, schema, value):
        from openapi_schema_validator import OAS30Validator, OAS31Validator, oas30_format_checker, oas31_format_checker

        key = id(schema)
        validator = self._validators.get(key)
        if validator is None:
            if isinstance(schema, dict):
                root = dict(self._root_extra)
                root.update(schema)
            else:
                root = schema
            if self.spec.version == "3.0":
                validator = OAS30Validator(root, format_checker=oas30_format_checker)
            else:
                validator = OAS31Validator(root, format_checker=oas31_format_checker)
            self._validators[key] = (validator, schema)
        else:
            validator = validator[0]
        try:
            error = next(iter(validator.iter_errors(value)), None)
        except Exception as exc:  # a schema the validator cannot evaluate (a bad pattern, say)
            return f"cannot validate: {exc}"
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path)
        return (f"at {where}: " if where else "") + error.message[:300]

    def value(self, schema, full, where, context, depth=0):
        """A value for `schema`; `context` is "request" or "response" (readOnly/writeOnly)."""
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict):
            return "value" if schema is not False else None
        candidates = []
        if "example" in schema and schema["example"] is not None:
            candidates.append(("example", schema["example"]))
        if isinstance(schema.get("examples"), list):
            candidates += [("examples[0]", e) for e in schema["examples"][:1] if e is not None]
        if "default" in schema and schema["default"] is not None:
            candidates.append(("default", schema["default"]))
        is_object = self._type(schema) == "object" or "properties" in schema
        for label, candidate in candidates:
            problem = self.errors(schema, candidate)
            if problem:
                self.warn(f"the spec's {label} at {where} does not match its schema: {problem}")
                continue
            # Objects in the "required only" variant are built, not copied from an example.
            if is_object and not full and isinstance(candidate, dict):
                break
            return self.pruned(schema, copy.deepcopy(candidate), where)
        made = self.make(schema, full, where, context, depth)
        problem = self.errors(schema, made)
        if problem is None:
            return made
        better = self.hypothesis_instance(schema)
        if better is not None:
            return better
        self.warn(f"no value satisfies the schema at {where}: {problem}")
        self.unsatisfiable += 1
        return made

    @staticmethod
    def _type(schema):
        kind = schema.get("type")
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            return kinds[0] if kinds else "null"
        return kind

    def prune(self, schema, value, depth=0):
        """`value` without the object members its schema does not declare (a spec's example often
        carries more than its schema says, and an SDK rightly drops what it has no property
        for). Members that an explicit `additionalProperties` allows are kept."""
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or depth > 32:
            return value
        if isinstance(value, list) and "items" in schema:
            return [self.prune(schema["items"], item, depth + 1) for item in value]
        if not isinstance(value, dict):
            return value
        flat = self.flatten(schema, 0) if "allOf" in schema else schema
        if not isinstance(flat, dict) or any(k in flat for k in ("oneOf", "anyOf")):
            return value
        properties = flat.get("properties")
        if not properties or "additionalProperties" in flat or "patternProperties" in flat:
            return value
        return {k: self.prune(properties[k], v, depth + 1) for k, v in value.items() if k in properties}

    def pruned(self, schema, value, where):
        result = self.prune(schema, value)
        if result != value and self.errors(schema, result) is None:
            return result
        return value

    def make(self, schema, full, where, context, depth):
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if isinstance(schema.get("enum"), list):
            values = [v for v in schema["enum"] if v is not None]
            if values:
                return copy.deepcopy(values[0])
        if depth > 24:
            return None
        if "allOf" in schema:
            flat = self.flatten(schema, 0)
            if flat is not None:
                return self.make(flat, full, where, context, depth + 1)
            merged = None
            for index, part in enumerate(schema["allOf"]):
                value = self.value(part, full, f"{where}/allOf/{index}", context, depth + 1)
                if isinstance(value, dict):
                    merged = {**(merged or {}), **value}
                elif merged is None:
                    merged = value
            rest = {k: v for k, v in schema.items() if k != "allOf"}
            if "properties" in rest or "required" in rest:
                rest["allOf"] = schema["allOf"]
                own = self.make_object(rest, full, where, context, depth + 1)
                if isinstance(own, dict):
                    merged = {**(merged or {}), **own}
            return merged
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                return self.choice(schema, keyword, full, where, context, depth)
        kind = self._type(schema)
        if kind is None:
            if "properties" in schema or "additionalProperties" in schema:
                kind = "object"
            elif "items" in schema:
                kind = "array"
            else:
                return "value"
        if kind == "object":
            return self.make_object(schema, full, where, context, depth)
        if kind == "array":
            items = schema.get("items", {})
            count = max(int(schema.get("minItems", 0)), 1)
            if "maxItems" in schema:
                count = min(count, int(schema["maxItems"]))
            if depth > 12 and int(schema.get("minItems", 0)) == 0:
                return []
            result = []
            for index in range(count):
                result.append(self.value(items, full, f"{where}/items", context, depth + 1))
            if count > 1 and schema.get("uniqueItems") and isinstance(result[0], (int, float)):
                result = [result[0] + i for i in range(count)]
            return result
        if kind == "string":
            return self.make_string(schema)
        if kind == "integer":
            return int(self.make_number(schema, 1))
        if kind == "number":
            return self.make_number(schema, 1.5)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return "value"

    def choice(self, schema, keyword, full, where, context, depth):
        options = schema[keyword]
        discriminator = schema.get("discriminator") or {}
        prop = discriminator.get("propertyName")
        mapping = discriminator.get("mapping") or {}
        first = None
        rest = {k: v for k, v in schema.items() if k not in (keyword, "discriminator", "example", "examples", "default")}
        for index, option in enumerate(options):
            resolved = self.spec.resolve(option)
            if isinstance(resolved, dict) and any(k in rest for k in ("type", "properties", "required")):
                # The schema's own keywords apply to every option (an object whose oneOf only
                # says which properties are required).
                merged = dict(rest)
                for k, v in resolved.items():
                    if k == "properties":
                        merged["properties"] = {**(rest.get("properties") or {}), **v}
                    elif k == "required":
                        merged["required"] = sorted(set(rest.get("required") or []) | set(v))
                    else:
                        merged[k] = v
                option_schema = merged
            else:
                option_schema = option
            value = self.value(option_schema, full, f"{where}/{keyword}/{index}", context, depth + 1)
            if full and self.errors(schema, value) is not None:
                # Every optional property may match another option too: the required ones only.
                value = self.value(option_schema, False, f"{where}/{keyword}/{index}", context, depth + 1)
            if prop and isinstance(value, dict) and isinstance(option, dict) and "$ref" in option \
                    and self.errors(schema, value) is not None:
                names = [k for k, v in mapping.items() if v == option["$ref"]]
                if not names and not mapping:
                    names = [option["$ref"].split("/")[-1]]
                if names and value.get(prop) not in names:
                    value = {**value, prop: names[0]}
            if first is None:
                first = value
            if self.errors(schema, value) is None:
                return value
        return first

    def make_object(self, schema, full, where, context, depth):
        result = {}
        required = set(schema.get("required") or [])
        skip = "readOnly" if context == "request" else "writeOnly"
        for name, prop in (schema.get("properties") or {}).items():
            resolved = self.spec.resolve(prop)
            if isinstance(resolved, dict) and resolved.get(skip):
                continue
            if name in required or (full and depth < 6):
                result[name] = self.value(prop, full and depth < 6, f"{where}/{name}", context, depth + 1)
        # Required properties declared elsewhere (in an allOf part beside this one, say).
        for name in sorted(required - set(result)):
            if name in (schema.get("properties") or {}):
                continue
            result[name] = self.value(self.declared(schema, name), full, f"{where}/{name}", context, depth + 1)
        extra = schema.get("additionalProperties")
        minimum = int(schema.get("minProperties", 0))
        if isinstance(extra, dict) and (not result and (full or minimum > 0)):
            result["key"] = self.value(extra, full, f"{where}/additionalProperties", context, depth + 1)
        index = 0
        while len(result) < minimum and extra is not False:
            result[f"key{index}"] = self.value(extra if isinstance(extra, dict) else {"type": "string"},
                                               full, where, context, depth + 1)
            index += 1
        return result

    def expressible(self, schema, value, where, whole=True):
        """`value` as a form or a deepObject parameter can carry it. Neither can write an
        empty object or list, so a required object whose properties are all optional (Stripe's
        `business_profile`) would vanish from the request; each empty object gets its first
        property that makes a value, each empty list one item. `whole`: `value` itself too (a
        form body needs not: an empty form is `{}`, see `empty_form`). Unchanged when the
        result would not validate against `schema`."""
        if schema is None:
            return value
        filled = self._fill(schema, copy.deepcopy(value), where, 0 if whole else -1)
        return filled if self.errors(schema, filled) is None else value

    def _object_part(self, schema, depth=0):
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or depth > 8:
            return None
        if isinstance(schema.get("properties"), dict) and schema["properties"]:
            return schema
        for keyword in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(keyword) or []:
                found = self._object_part(part, depth + 1)
                if found is not None:
                    return found
        return None

    def _fill(self, schema, value, where, depth):
        if depth > 16:
            return value
        resolved = self.spec.resolve(schema)
        if isinstance(value, dict):
            part = self._object_part(resolved)
            properties = (part or {}).get("properties") or {}
            for name in list(value):
                if name in properties:
                    value[name] = self._fill(properties[name], value[name], f"{where}/{name}", depth + 1)
            if not has_leaf(value) and depth >= 0:
                for name, prop in properties.items():
                    if (self.spec.resolve(prop) or {}).get("readOnly"):
                        continue
                    made = self._fill(prop, self.value(prop, False, f"{where}/{name}", "request", depth + 1),
                                      f"{where}/{name}", depth + 1)
                    if has_leaf(made):
                        value[name] = made
                        break
            return value
        if isinstance(value, list) and isinstance(resolved, dict):
            items = resolved.get("items")
            if items is None:
                for keyword in ("anyOf", "oneOf"):
                    for part in resolved.get(keyword) or []:
                        part = self.spec.resolve(part)
                        if isinstance(part, dict) and part.get("type") == "array":
                            items = part.get("items")
            if items is None:
                return value
            value = [self._fill(items, item, f"{where}/items", depth + 1) for item in value]
            if not has_leaf(value) and depth >= 0:
                made = self._fill(items, self.value(items, False, f"{where}/items", "request", depth + 1),
                                  f"{where}/items", depth + 1)
                if has_leaf(made):
                    value = [made]
            return value
        return value

    def flatten(self, schema, depth):
        """An allOf of object schemas as one object schema (properties and required lists
        joined, so a property one part requires and another declares gets its schema), or
        None when a part is not an object schema."""
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or depth > 24:
            return None
        if "allOf" not in schema:
            kind = self._type(schema)
            if kind not in (None, "object") or any(k in schema for k in ("oneOf", "anyOf", "enum", "const")):
                return None
            if kind is None and not any(k in schema for k in ("properties", "required", "additionalProperties")):
                return {} if set(schema) <= {"description", "title", "nullable", "deprecated", "example",
                                             "readOnly", "writeOnly", "externalDocs"} else None
            return schema
        flat = {"type": "object", "properties": {}, "required": []}
        parts = [{k: v for k, v in schema.items() if k != "allOf"}] + list(schema["allOf"])
        for part in parts:
            part = self.flatten(part, depth + 1)
            if part is None:
                return None
            for key, value in part.items():
                if key == "properties":
                    flat["properties"].update(value)
                elif key == "required":
                    flat["required"] = sorted(set(flat["required"]) | set(value))
                elif key not in ("example", "examples", "default"):
                    flat[key] = value
        flat["type"] = "object"
        return flat

    def declared(self, schema, name, depth=0):
        """The schema of property `name` wherever `schema`'s allOf/anyOf/oneOf declare it."""
        schema = self.spec.resolve(schema)
        if not isinstance(schema, dict) or depth > 16:
            return {}
        if name in (schema.get("properties") or {}):
            return schema["properties"][name]
        for keyword in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(keyword) or []:
                found = self.declared(part, name, depth + 1)
                if found != {}:
                    return found
        return {}

    def make_string(self, schema):
        fmt = schema.get("format")
        by_format = {
            "date-time": "2024-01-02T03:04:05Z",
            "date": "2024-01-02",
            "time": "03:04:05Z",
            "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "email": "user@example.com",
            "uri": "https://example.com/path",
            "url": "https://example.com/path",
            "uri-reference": "https://example.com/path",
            "iri": "https://example.com/path",
            "hostname": "example.com",
            "ipv4": "192.0.2.1",
            "ipv6": "2001:db8::1",
            "byte": base64.b64encode(b"conformance").decode(),
            # Base64 text is also a string of bytes: the caller reads it into `Data` as base64
            # inside JSON, as its UTF-8 bytes for a whole body.
            "binary": base64.b64encode(b"conformance bytes").decode(),
            "duration": "P1D",
            "password": "secret",
        }
        text = by_format.get(fmt, "string")
        if fmt is None and str(schema.get("contentEncoding", "")).lower() == "base64":
            # OpenAPI 3.1's spelling of `format: byte`: the SDK reads it into `Data` as base64.
            text = by_format["byte"]
        pattern = schema.get("pattern")
        low = int(schema.get("minLength", 0))
        high = schema.get("maxLength")
        if pattern and not re.search(pattern, text):
            made = self.regex_instance(pattern, low, high)
            if made is not None:
                return made
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if high is not None and len(text) > int(high):
            text = text[: int(high)]
        return text

    def make_number(self, schema, preferred):
        value = preferred
        low = schema.get("minimum")
        high = schema.get("maximum")
        exclusive_low = schema.get("exclusiveMinimum")
        exclusive_high = schema.get("exclusiveMaximum")
        if isinstance(exclusive_low, bool):
            exclusive_low = low if exclusive_low else None
        if isinstance(exclusive_high, bool):
            exclusive_high = high if exclusive_high else None
        step = 1 if isinstance(preferred, int) else 0.5
        if low is not None and value < low:
            value = low
        if exclusive_low is not None and value <= exclusive_low:
            value = exclusive_low + step
        if high is not None and value > high:
            value = high
        if exclusive_high is not None and value >= exclusive_high:
            value = exclusive_high - step
        multiple = schema.get("multipleOf")
        if multiple:
            value = multiple * max(1, round(value / multiple))
        return value

    def regex_instance(self, pattern, low, high):
        key = (pattern, low, high)
        if key not in self._regex:
            self._regex[key] = self._hypothesis_find(
                lambda st: st.from_regex(pattern, fullmatch=True),
                lambda s: len(s) >= low and (high is None or len(s) <= int(high)))
        return self._regex[key]

    def hypothesis_instance(self, schema):
        try:
            from hypothesis_jsonschema import from_schema
        except ImportError:
            return None
        json_schema = self.to_json_schema(schema, 0)
        if json_schema is None:
            return None
        return self._hypothesis_find(lambda st: from_schema(json_schema), lambda v: self.errors(schema, v) is None)

    @staticmethod
    def _hypothesis_find(strategy, condition):
        try:
            from hypothesis import HealthCheck, find, settings, strategies
            from hypothesis.errors import NoSuchExample
        except ImportError:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return find(strategy(strategies), condition, settings=settings(
                    database=None, derandomize=True, max_examples=200, deadline=None,
                    suppress_health_check=list(HealthCheck)))
            except (NoSuchExample, Exception):
                return None

    def to_json_schema(self, schema, depth):
        """The schema with $refs inlined and OpenAPI 3.0's keywords in JSON Schema terms."""
        if depth > 12:
            return None
        schema = self.spec.resolve(schema)
        if isinstance(schema, list):
            items = [self.to_json_schema(s, depth + 1) for s in schema]
            return None if any(i is None for i in items) else items
        if not isinstance(schema, dict):
            return schema
        out = {}
        for key, value in schema.items():
            if key in ("example", "examples", "discriminator", "xml", "externalDocs", "readOnly", "writeOnly",
                       "deprecated", "nullable", "description", "title") or key.startswith("x-"):
                continue
            if key in ("properties", "patternProperties", "$defs", "definitions"):
                converted = {}
                for name, sub in value.items():
                    c = self.to_json_schema(sub, depth + 1)
                    if c is None:
                        return None
                    converted[name] = c
                out[key] = converted
            elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf", "contains",
                         "propertyNames"):
                c = self.to_json_schema(value, depth + 1)
                if c is None:
                    return None
                out[key] = c
            elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
                bound = schema.get("minimum" if key == "exclusiveMinimum" else "maximum")
                if value and bound is not None:
                    out[key] = bound
            else:
                out[key] = value
        if isinstance(out.get("exclusiveMinimum"), (int, float)) and "minimum" in out and schema.get("exclusiveMinimum") is True:
            del out["minimum"]
        if isinstance(out.get("exclusiveMaximum"), (int, float)) and "maximum" in out and schema.get("exclusiveMaximum") is True:
            del out["maximum"]
        if schema.get("nullable") and "type" in out and isinstance(out["type"], str):
            out["type"] = [out["type"], "null"]
        return out


# --- media types ---------------------------------------------------------------------------


def is_json(media):
    media = media.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media in ("*/*", "application/*") or \
        media.endswith("/json")


def pick_media(content):
    """The media type answered with: JSON first, then the first listed."""
    if not content:
        return None
    for media in content:
        if media.split(";")[0].strip().lower() == "application/json":
            return media
    for media in content:
        if is_json(media):
            return media
    return next(iter(content))


def media_example(spec, values, media, where):
    """The media type's own example when it validates against its schema, else None."""
    schema = media.get("schema")
    candidates = []
    if "example" in media:
        candidates.append(("example", media["example"]))
    for name, example in (media.get("examples") or {}).items():
        example = spec.resolve(example)
        if isinstance(example, dict) and "value" in example:
            candidates.append((f"examples/{name}", example["value"]))
            break
    for label, candidate in candidates:
        if candidate is None:
            continue
        problem = values.errors(schema, candidate) if schema is not None else None
        if problem:
            values.warn(f"the spec's {label} at {where} does not match its schema: {problem}")
            continue
        return values.pruned(schema, copy.deepcopy(candidate), where) if schema is not None else candidate
    return None


def body_value(spec, values, media_type, media, full, where, context):
    example = media_example(spec, values, media, where)
    if example is not None and (full or context == "response"):
        return example
    schema = media.get("schema")
    if schema is None:
        return "conformance" if not is_json(media_type) else {}
    return values.value(schema, full, where, context)


# --- the arguments command -----------------------------------------------------------------


def arguments(spec):
    values = Values(spec)
    operations = {}
    for key, method, path, operation, item in spec.operations():
        entry = {"operationId": operation.get("operationId")}
        for variant, full in (("minimal", False), ("full", True)):
            args = {}
            for parameter in spec.parameters(operation, item):
                where = f"{key} {parameter.get('in')} parameter {parameter.get('name')}"
                if not full and not parameter.get("required") and parameter.get("in") != "path":
                    continue
                schema = parameter.get("schema")
                if schema is None and parameter.get("content"):
                    media_type = next(iter(parameter["content"]))
                    value = body_value(spec, values, media_type, parameter["content"][media_type], full, where,
                                       "request")
                else:
                    value = None
                    for label in ("example",):
                        if label in parameter and parameter[label] is not None:
                            problem = values.errors(schema, parameter[label]) if schema is not None else None
                            if problem:
                                values.warn(f"the spec's example of {where} does not match its schema: {problem}")
                            else:
                                value = parameter[label]
                    if value is None:
                        value = values.value(schema or {"type": "string"}, full, where, "request")
                    if parameter.get("style") == "deepObject":
                        value = values.expressible(schema, value, where)
                args[f"{parameter.get('in')}:{parameter.get('name')}"] = value
            body = spec.resolve(operation.get("requestBody"))
            if isinstance(body, dict) and (full or body.get("required")):
                for media_type, media in (body.get("content") or {}).items():
                    where = f"{key} request body {media_type}"
                    value = body_value(spec, values, media_type, media or {}, full, where, "request")
                    if str(media_type).split(";")[0].strip().lower() == "application/x-www-form-urlencoded":
                        value = values.expressible((media or {}).get("schema"), value, where, whole=False)
                    args[f"body:{media_type}"] = value
            entry[variant] = args
        operations[key] = entry
    for where, names in declare_required(copy.deepcopy(spec.raw), 0, []):
        listed = ", ".join(f"'{name}'" for name in names)
        values.warn(f"the schema at {where} requires {listed} but does not declare it in `properties` "
                    "(validated as any value)")
    return {"operations": operations, "warnings": values.warnings}


# --- the server ----------------------------------------------------------------------------


def status_for(responses, asked):
    """The status code to answer for `asked` (`200`, `4XX`, `default`) and the response key."""
    documented = {str(k).upper() for k in responses}
    if asked.isdigit():
        return int(asked), asked if asked in responses else None
    if len(asked) == 3 and asked.upper().endswith("XX"):
        first = int(asked[0]) * 100
        # A range the spec documents, or (an SDK reads `default` as the success when no 2XX is
        # documented) the default response.
        key = next((k for k in responses if str(k).upper() == asked.upper()), None)
        if key is None and "default" in responses:
            key = "default"
        for code in range(first, first + 100):
            if key is not None and str(code) not in documented:
                return code, key
        return None, None
    if asked == "default":
        for code in (500, 503, 502, 422, 418, 409, 400, 599, 299):
            if str(code) not in documented and f"{code // 100}XX" not in documented:
                return code, "default"
    return None, None


def header_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(header_text(v) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k},{header_text(v)}" for k, v in value.items())
    if value is None:
        return ""
    return str(value)


def describe(error):
    """openapi-core's error and its causes, one line: the schema errors where there are some
    (their messages name the place and the rule), else the errors' own text, shortened."""
    parts = []
    seen = 0
    while error is not None and seen < 6:
        schema_errors = list(getattr(error, "schema_errors", None) or [])
        if schema_errors:
            details = []
            for schema_error in schema_errors[:3]:
                for leaf in (schema_error.context or [])[:2] or [schema_error]:
                    where = "/".join(str(p) for p in leaf.absolute_path)
                    details.append((f"at {where}: " if where else "") + leaf.message[:200])
            text = f"{type(error).__name__}: " + "; ".join(details)
        else:
            text = str(error).split("\n")[0]
            text = text if len(text) <= 200 else text[:200] + "…"
        if text and text not in parts:
            parts.append(text)
        if schema_errors:
            break
        error = error.__cause__ or error.__context__
        seen += 1
    return ": ".join(parts)[:800]


def security_problem(spec, operation, request):
    """The judge's own check of credentials, for the schemes openapi-core does not check
    (oauth2, openIdConnect): each needs `Authorization: Bearer …`."""
    schemes = (spec.raw.get("components") or {}).get("securitySchemes") or {}
    alternatives = spec.security(operation)
    if not alternatives:
        return None
    for alternative in alternatives:
        satisfied = True
        for name in alternative or {}:
            scheme = spec.resolve(schemes.get(name) or {})
            kind = scheme.get("type")
            if kind == "apiKey":
                source = {"header": request.headers, "query": request.args, "cookie": request.cookies}.get(
                    scheme.get("in"), {})
                satisfied = satisfied and scheme.get("name") in source
            elif kind == "http":
                auth = request.headers.get("Authorization", "")
                satisfied = satisfied and auth.lower().startswith(str(scheme.get("scheme", "")).lower() + " ")
            elif kind in ("oauth2", "openIdConnect"):
                auth = request.headers.get("Authorization", "")
                satisfied = satisfied and auth.lower().startswith("bearer ") and len(auth) > 7
        if satisfied:
            return None
    names = " or ".join("+".join(a) or "none" for a in alternatives)
    return f"security: no credentials for {names}"


def multipart_problem(spec, values, operation, request):
    """The judge's own check of a multipart/form-data body: openapi-core 0.23 leaves text
    parts as bytes unless their schema is exactly `type: string` and never reads numbers, so
    it rejects valid bodies. Each part is read the way OpenAPI says it is sent (text for
    primitives, JSON for objects, bytes for files; an array as repeated parts) and the
    object validated against the schema. "" when the body is valid."""
    from email.parser import BytesParser

    body = spec.resolve(operation.get("requestBody")) or {}
    content = body.get("content") or {}
    media = next((m for m in content if m.split(";")[0].strip().lower() == "multipart/form-data"), None)
    schema = (content.get(media) or {}).get("schema") if media else None
    if schema is None:
        return ""
    header = f"Content-Type: {request.content_type}\r\n\r\n".encode()
    message = BytesParser().parsebytes(header + (request.get_data() or b""))
    if not message.is_multipart():
        return "multipart body: not a multipart message"
    flat = values.flatten(schema, 0) or spec.resolve(schema)
    properties = flat.get("properties") or {}
    parsed = {}
    for part in message.get_payload():
        name = part.get_param("name", header="content-disposition")
        if not name:
            return "multipart body: a part without a name"
        raw = part.get_payload(decode=True) or b""
        property_schema = spec.resolve(properties.get(name) or {})
        is_array = isinstance(property_schema, dict) and values._type(property_schema) == "array"
        item_schema = spec.resolve(property_schema.get("items") or {}) if is_array else property_schema
        value = multipart_value(values, item_schema, raw, part.get_content_type(), bool(part.get_filename()))
        if is_array:
            parsed.setdefault(name, []).append(value)
        elif name in parsed:
            return f"multipart body: {name} sent in more than one part, its schema is not an array"
        else:
            parsed[name] = value
    problem = values.errors(schema, parsed)
    return f"multipart body: {problem}" if problem else ""


def multipart_value(values, schema, raw, content_type, is_file):
    kind = values._type(schema) if isinstance(schema, dict) else None
    if is_file or (isinstance(schema, dict) and schema.get("format") == "binary") or \
            content_type == "application/octet-stream":
        is_base64 = schema.get("format") == "byte" or str(schema.get("contentEncoding", "")).lower() == "base64"
        return base64.b64encode(raw).decode() if is_base64 else raw.decode("latin-1")
    text = raw.decode("utf-8", errors="replace")
    if content_type == "application/json" or kind in ("object", "array"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    if kind == "integer":
        return int(text) if re.fullmatch(r"-?[0-9]+", text) else text
    if kind == "number":
        try:
            return float(text) if not re.fullmatch(r"-?[0-9]+", text) else int(text)
        except ValueError:
            return text
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, text)
    if kind is None and isinstance(schema, dict) and any(k in schema for k in ("oneOf", "anyOf")):
        # A union of a string and other types: text that reads as JSON of another type is that.
        if values.errors(schema, text) is None:
            return text
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def body_difference(sent, request):
    """Where a JSON or form request body differs from the value the caller was given for it
    (a member the SDK dropped, renamed or changed), or None. Members the caller was not given
    and nulls are not compared: an SDK may send optional members as null or leave them out."""
    media = (request.content_type or "").split(";")[0].strip()
    given = [v for k, v in sent.items() if k.startswith("body:") and k[5:].split(";")[0].strip() == media]
    if not given:
        return None
    if media.lower() == "application/x-www-form-urlencoded":
        found = form_difference(given[0], read_form(request.get_data(as_text=True)), "")
        return f"request body round trip: {found}" if found else None
    if not is_json(media):
        return None
    try:
        received = json.loads(request.get_data() or b"null")
    except ValueError:
        return "request body round trip: the body is not JSON"
    found = json_difference(given[0], received, "")
    return f"request body round trip: {found}" if found else None


def read_form(text):
    """A form body as nested values, brackets read as the convention most servers follow
    (Stripe's, Rails', PHP's): `a[b][c]=v` is {"a": {"b": {"c": "v"}}}, `a[0]=v` an item of a
    list, a name repeated (`tags=x&tags=y`, form's exploded arrays) a list. Leaves are strings."""
    from urllib.parse import parse_qsl
    root = {}
    for key, value in parse_qsl(text or "", keep_blank_values=True):
        match = re.fullmatch(r"([^\[\]]+)((?:\[[^\[\]]*\])*)", key)
        parts = [match.group(1)] + re.findall(r"\[([^\[\]]*)\]", match.group(2)) if match else [key]
        node = root
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        last = parts[-1]
        if last in node:
            node[last] = (node[last] if isinstance(node[last], list) else [node[last]]) + [value]
        else:
            node[last] = value
    return root


def form_difference(expected, actual, path):
    """Where a form read by `read_form` differs from the value the caller was given: leaves
    compared as the text a form carries (`true`, `1.5`), `{"0": …, "1": …}` as a list."""
    place = path or "the body"
    if isinstance(expected, (dict, list)) and isinstance(actual, str):
        # A field encoded as JSON (`encoding: {contentType: application/json}`), or an
        # array or object not exploded (`a=x,y`, `a=k,v,k2,v2`) or space/pipe delimited.
        try:
            return json_difference(expected, json.loads(actual), path)
        except ValueError:
            pass
        for delimiter in (",", " ", "|"):
            pieces = actual.split(delimiter)
            if isinstance(expected, list) and len(pieces) == len(expected):
                return form_difference(expected, pieces, path)
            if isinstance(expected, dict) and len(pieces) % 2 == 0 and len(pieces) > 1:
                return form_difference(expected, dict(zip(pieces[::2], pieces[1::2])), path)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{place} is {json.dumps(actual)[:60]}, an object was given"
        for key, value in expected.items():
            if not has_leaf(value):
                continue  # a form has no way to write null, {} or [] (nor what holds only those)
            if key not in actual:
                return f"{place}.{key} was given but not sent"
            found = form_difference(value, actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list):
        if isinstance(actual, dict) and actual and all(k.isdigit() for k in actual):
            actual = [actual[k] for k in sorted(actual, key=int)]
        if not isinstance(actual, list):
            actual = [actual]
        if len(expected) != len(actual):
            return f"{place} has {len(actual)} items, {len(expected)} were given"
        for index, (a, b) in enumerate(zip(expected, actual)):
            found = form_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if not isinstance(actual, str):
        return f"{place} is {json.dumps(actual)[:60]}, {json.dumps(expected)[:60]} was given"
    if isinstance(expected, bool):
        return None if actual == ("true" if expected else "false") else f"{place} is {actual!r}, {expected} was given"
    if isinstance(expected, (int, float)):
        try:
            return None if float(actual) == float(expected) else f"{place} is {actual!r}, {expected} was given"
        except ValueError:
            return f"{place} is {actual[:60]!r}, {expected} was given"
    if isinstance(expected, str) and (actual == expected or same_instant(expected, actual)):
        return None
    return f"{place} is {actual[:60]!r}, {json.dumps(expected)[:60]} was given"


def has_leaf(value):
    """Whether `value` holds something a form can write: a string, number or boolean."""
    if isinstance(value, dict):
        return any(has_leaf(v) for v in value.values())
    if isinstance(value, list):
        return any(has_leaf(v) for v in value)
    return value is not None


def nested_form(request, error):
    """Whether `error` is openapi-core failing to read a form body that nests brackets
    (`default_settings[automatic_tax][enabled]=true`, `phases[0][items][0][price]=…`: Stripe's
    deepObject values). OpenAPI defines `deepObject` for an object of primitives only, and
    openapi-core reads one level, so it casts `{"enabled": "true"}` as `"true"`. Such a body is
    compared member by member with the caller's value instead (`body_difference`), which
    the judge made valid against the schema."""
    media = (request.content_type or "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded" or "Failed to cast value" not in str(error):
        return False
    from urllib.parse import parse_qsl
    return any(len(re.findall(r"\[[^\[\]]*\]", key)) >= 2 or re.search(r"\[\d+\]", key)
               for key, _ in parse_qsl(request.get_data(as_text=True) or "", keep_blank_values=True))


def json_difference(expected, actual, path):
    place = path or "the body"
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            if value is None:
                continue
            if key not in actual:
                return f"{place}.{key} was given but not sent"
            found = json_difference(value, actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{place} has {len(actual)} items, {len(expected)} were given"
        for index, (a, b) in enumerate(zip(expected, actual)):
            found = json_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return None if expected is actual else f"{place} is {json.dumps(actual)[:60]}, {json.dumps(expected)[:60]} was given"
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return None if float(expected) == float(actual) else f"{place} is {actual}, {expected} was given"
    if isinstance(expected, str) and isinstance(actual, str) and expected != actual:
        if same_instant(expected, actual):
            return None
    if expected == actual:
        return None
    return f"{place} is {json.dumps(actual)[:60]}, {json.dumps(expected)[:60]} was given"


def same_instant(first, second):
    import datetime
    try:
        a = datetime.datetime.fromisoformat(first.replace("Z", "+00:00"))
        b = datetime.datetime.fromisoformat(second.replace("Z", "+00:00"))
    except ValueError:
        return False
    if (a.tzinfo is None) != (b.tzinfo is None):
        return False
    return a == b


FRAGMENT_SEGMENT = "/conformance-fragment-"


def fragment_path(template):
    """The path the validator knows a template by: a fragment becomes a segment of its own."""
    if "#" not in template:
        return template
    path, fragment = template.split("#", 1)
    return path + FRAGMENT_SEGMENT + re.sub(r"[^A-Za-z0-9_.-]", "_", fragment)


def empty_form(spec, values, operation, request, error):
    """Whether `error` is openapi-core's "missing required request body" for an empty
    `application/x-www-form-urlencoded` body whose schema takes `{}`: a form with no fields
    is written as nothing at all (Stripe's all-optional forms, `required: true`), and
    openapi-core cannot tell that from no body. The body is still there for the server:
    the Content-Type says so."""
    if type(error).__name__ != "MissingRequiredRequestBody" or request.get_data():
        return False
    media = (request.content_type or "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        return False
    body = spec.resolve(operation.get("requestBody")) or {}
    for name, entry in (body.get("content") or {}).items():
        if str(name).split(";")[0].strip().lower() == media:
            schema = (entry or {}).get("schema")
            return schema is None or values.errors(schema, {}) is None
    return False


def nested_query(spec, operation, item, request, sent, text):
    """For openapi-core failing to read a `deepObject` query parameter that nests brackets
    (Stripe's `customer_details[address][city]=…`, which OpenAPI leaves undefined and
    openapi-core reads one level deep): "" when the parameter, read as `read_form` reads
    brackets, is the caller's value member by member, else what differs. None for any other
    error."""
    match = re.match(r"^Query parameter error: ([^:]+): Failed to cast value to object type", text)
    if not match:
        return None
    name = match.group(1).strip()
    parameter = next((p for p in spec.parameters(operation, item)
                      if p.get("in") == "query" and p.get("name") == name), None)
    if parameter is None or parameter.get("style") != "deepObject" or f"query:{name}" not in sent:
        return None
    from urllib.parse import parse_qsl
    if not any(key.startswith(name + "[") and len(re.findall(r"\[[^\[\]]*\]", key)) >= 2
               for key, _ in parse_qsl(request.query_string.decode("latin-1"), keep_blank_values=True)):
        return None
    found = form_difference(sent[f"query:{name}"], read_form(request.query_string.decode("latin-1")).get(name),
                            "." + name)
    return f"query parameter round trip: {found}" if found else ""


def undefined_serialization(spec, operation, item, text):
    """Why a parameter error is no fault of the SDK: a query or header parameter whose value
    is an array of objects (Box's `mdfilters`) has no serialization OpenAPI defines (the
    styles cover arrays of primitives and objects of primitives), so openapi-core cannot read
    any; the SDK sends it as JSON. Likewise deepObject on an array or a choice, which
    openapi-core has no reader for. None for any other error."""
    deep = re.search(r"\('deepObject', '([^']+)'\): not available", text)
    if deep:
        return (f"{deep.group(1)} is sent with style deepObject, which OpenAPI defines for objects only and "
                "openapi-core cannot read for this schema (an array, or a choice: Stripe's `expand`, `created`); "
                "it is not validated")
    match = re.match(r"^(Query|Header|Cookie) parameter error: ([^:]+): Failed to cast value to object type", text)
    if not match:
        return None
    location, name = match.group(1).lower(), match.group(2).strip()
    for parameter in spec.parameters(operation, item):
        if parameter.get("in") != location or parameter.get("name") != name:
            continue
        schema = spec.resolve(parameter.get("schema")) or {}
        items = spec.resolve(schema.get("items")) if isinstance(schema, dict) else None
        if isinstance(schema, dict) and schema.get("type") == "array" and isinstance(items, dict) and \
                (items.get("type") == "object" or "properties" in items):
            return (f"the {location} parameter {name} is an array of objects, which no OpenAPI style serializes "
                    "(the SDK sends it as JSON); openapi-core cannot read it, so it is not validated")
    return None


def path_matches(template, path):
    template = template.split("#", 1)[0]
    regex = "^" + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(template)) + "$"
    return re.match(regex, path) is not None


def serve(spec_path, log_path):
    from openapi_core import OpenAPI, Config
    from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
    from werkzeug.serving import make_server
    from werkzeug.wrappers import Request, Response

    class FullContentType(WerkzeugOpenAPIResponse):
        """The response with its whole Content-Type: openapi-core's werkzeug adapter gives the
        media type alone, and a multipart body cannot be read without its boundary."""

        @property
        def content_type(self):
            return str(self.response.content_type)

    class FragmentRequest(WerkzeugOpenAPIRequest):
        """The request under the path a template with a fragment is validated by."""

        def __init__(self, request, suffix):
            super().__init__(request)
            self.suffix = suffix

        @property
        def path(self):
            return super().path + self.suffix

    raw = load_spec(spec_path)
    spec = Spec(raw)
    values = Values(spec)
    log = open(log_path, "a", encoding="utf-8")
    lock = threading.Lock()

    def write(entry):
        with lock:
            log.write(json.dumps(entry) + "\n")
            log.flush()

    server = make_server("127.0.0.1", 0, lambda e, s: app(e, s), threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    document = spec.for_validator(base)
    try:
        validator = make_validator(document)
    except Exception as exc:
        first = describe(exc).split("\n")[0][:200]
        write({"warning": f"the spec does not pass openapi-core's spec validation (requests are still "
                          f"validated): {first}"})
        validator = make_validator(document, check_spec=False)
    operations = {key: (method, path, operation) for key, method, path, operation, _ in spec.operations()}
    items = {key: item for key, _, _, _, item in spec.operations()}

    def item_of(key):
        return items.get(key) or {}
    # The values the caller was given (the same computation as `arguments`, so the same values).
    expected_arguments = arguments(Spec(load_spec(spec_path)))["operations"]

    def app(environ, start_response):
        call = environ.pop("HTTP_X_CONFORMANCE_CALL", "")
        key = environ.pop("HTTP_X_CONFORMANCE_OPERATION", "")
        asked = environ.pop("HTTP_X_CONFORMANCE_STATUS", "")
        variant = environ.pop("HTTP_X_CONFORMANCE_VARIANT", "")
        request = Request(environ)
        entry = {"call": call, "operation": key, "status": asked, "request_errors": [], "response_errors": []}
        response = Response(b"", status=500)
        try:
            found = operations.get(key)
            if found is None:
                entry["request_errors"].append(f"the harness named no operation of the spec ({key!r})")
            else:
                method, template, operation = found
                if request.method.lower() != method:
                    entry["request_errors"].append(f"method {request.method}, the operation's is {method.upper()}")
                prefix = base_path(spec, operation, item_of(key))
                if prefix and not request.path.startswith(prefix + "/"):
                    entry["request_errors"].append(f"path {request.path} lacks the server's base path {prefix}")
                elif not path_matches(template, request.path[len(prefix):]):
                    entry["request_errors"].append(f"path {request.path} does not match {prefix}{template}")
                if "#" in template:
                    # Validated under the path the validator knows it by (see `fragment_path`).
                    openapi_request = FragmentRequest(request, fragment_path(template)[len(template.split("#", 1)[0]):])
                else:
                    openapi_request = WerkzeugOpenAPIRequest(request)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    result = validator.unmarshal_request(openapi_request)
                media = (request.content_type or "").split(";")[0].strip().lower()
                own = multipart_problem(spec, values, operation, request) if media == "multipart/form-data" else None
                sent = expected_arguments.get(key, {}).get(variant, {})
                for error in result.errors:
                    nested = nested_query(spec, operation, item_of(key), request, sent, describe(error))
                    if nested is not None:
                        if nested:
                            entry["request_errors"].append(nested)
                        else:
                            write({"warning": f"{key}: a deepObject query parameter nests brackets, which OpenAPI "
                                              "does not define and openapi-core reads one level deep; it is compared "
                                              "member by member with the caller's value instead"})
                        continue
                    if own is not None and "body" in type(error).__name__.lower() + str(error).lower()[:40]:
                        continue  # the multipart body is checked below instead
                    if empty_form(spec, values, operation, request, error):
                        continue
                    if nested_form(request, error):
                        write({"warning": f"{key}: the form body nests brackets (deepObject inside deepObject), which "
                                          "OpenAPI does not define and openapi-core reads one level deep; it is "
                                          "compared member by member with the caller's values instead"})
                        continue
                    undefined = undefined_serialization(spec, operation, item_of(key), describe(error))
                    if undefined:
                        write({"warning": f"{key}: {undefined}"})
                        continue
                    entry["request_errors"].append(describe(error))
                if own:
                    entry["request_errors"].append(own)
                problem = body_difference(sent, request)
                if problem:
                    entry["request_errors"].append(problem)
                problem = security_problem(spec, operation, request)
                if problem:
                    entry["request_errors"].append(problem)
                before = values.unsatisfiable
                response = make_response(spec, values, operation, asked, request.method, entry,
                                         request.headers.get("Accept"))
                if "streamed" in entry:
                    # openapi-core reads no stream: each item was validated against the item
                    # schema as it was made; the status and headers are checked here.
                    errors = [describe(e) for e in validator.iter_response_errors(
                        openapi_request, FullContentType(Response(b"", status=response.status_code, headers=[
                            (name, value) for name, value in response.headers.items()
                            if name.lower() != "content-length"])))
                              if "header" in type(e).__name__.lower() or "status" in type(e).__name__.lower()]
                else:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        errors = [describe(e) for e in
                                  validator.iter_response_errors(openapi_request, FullContentType(response))]
                if request.method.upper() == "HEAD" and errors:
                    for error in errors:
                        write({"warning": f"{key} {asked}: the spec documents a body for a HEAD response, "
                                          f"which HTTP never sends: {error}"})
                elif errors and values.unsatisfiable > before:
                    for error in errors:
                        write({"warning": f"{key} {asked}: the spec admits no valid response (the judge answered "
                                          f"with its closest value): {error}"})
                else:
                    entry["response_errors"] += errors
                entry["code"] = response.status_code
        except Exception as exc:  # the judge's own failure is reported, never a silent 500
            entry["response_errors"].append(f"judge error: {type(exc).__name__}: {exc}")
        for text in values.warnings:
            write({"warning": text})
        values.warnings.clear()
        write(entry)
        return response(environ, start_response)

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"port {server.server_port}", flush=True)
    # Serve until stdin closes or the harness that started the judge is gone (when it is
    # killed, a child it started later may still hold the other end of the pipe).
    import os
    import select
    parent = os.getppid()
    try:
        while os.getppid() == parent:
            ready, _, _ = select.select([sys.stdin], [], [], 0.5)
            if ready and not os.read(sys.stdin.fileno(), 4096):
                break
    except KeyboardInterrupt:
        pass
    server.shutdown()
    log.close()


STREAM_MEDIA = ("text/event-stream", "application/jsonl", "application/x-ndjson", "application/json-seq")
# How many items a streamed answer has (the caller checks it receives exactly this many).
STREAM_ITEMS = 3


def base_media(text):
    return (text or "").split(";")[0].strip().lower()


def stream_media(content, accept):
    """The streaming media type of `content` the request asked for (its `Accept`), or None."""
    asked = {base_media(part) for part in (accept or "").split(",")}
    for media_type in content:
        if base_media(media_type) in STREAM_MEDIA and base_media(media_type) in asked:
            return media_type
    return None


def stream_item_schema(spec, media_type, media):
    """The schema of one item, as the generator reads it: OpenAPI 3.2's `itemSchema` (for
    events, its `data` property when it describes the whole event), else the media type's
    `schema` when it describes an object or a choice; None when each item is any text (events)
    or any JSON (lines, sequences)."""
    events = base_media(media_type) == "text/event-stream"
    item = media.get("itemSchema")
    if item is not None:
        resolved = spec.resolve(item) or {}
        if events and isinstance(resolved, dict) and isinstance(resolved.get("properties"), dict) \
                and "data" in resolved["properties"]:
            return resolved["properties"]["data"]
        return item
    schema = media.get("schema")
    resolved = spec.resolve(schema) if schema is not None else None
    if isinstance(resolved, dict) and (resolved.get("type") == "object" or "properties" in resolved
                                       or len(resolved.get("oneOf") or resolved.get("anyOf") or []) > 1):
        return schema
    return None


def stream_body(spec, values, media_type, media, where, entry):
    """A streamed answer of STREAM_ITEMS items made from the item schema (its example first),
    each validated against it; returns the bytes."""
    schema = stream_item_schema(spec, media_type, media)
    items = []
    for index in range(STREAM_ITEMS):
        if schema is None:
            item = f"item {index + 1}"
        else:
            item = values.value(schema, index != 1, f"{where} item {index + 1}", "response")
            problem = values.errors(schema, item)
            if problem:
                entry["response_errors"].append(f"streamed item {index + 1}: {problem}")
        items.append(item)
    kind = base_media(media_type)
    if kind == "text/event-stream":
        chunks = []
        for index, item in enumerate(items):
            text = item if isinstance(item, str) else json.dumps(item)
            data = "".join(f"data: {line}\n" for line in text.split("\n"))
            chunks.append(f"event: message\nid: {index + 1}\n{data}\n")
        return "".join(chunks).encode()
    if kind == "application/json-seq":
        return b"".join(b"\x1e" + json.dumps(item).encode() + b"\n" for item in items)
    return b"".join(json.dumps(item).encode() + b"\n" for item in items)


def make_response(spec, values, operation, asked, method, entry, accept=None):
    from werkzeug.wrappers import Response

    responses = operation.get("responses") or {}
    code, key = status_for(responses, asked)
    if code is None or key is None:
        entry["response_errors"].append(f"the operation documents no response {asked!r}")
        return Response(b"", status=599)
    documented = spec.resolve(responses[key]) or {}
    headers = {}
    for name, header in (documented.get("headers") or {}).items():
        header = spec.resolve(header) or {}
        if name.lower() in ("content-type", "content-length", "transfer-encoding", "content-encoding", "connection"):
            # How the message is framed is the HTTP server's business; a made-up value breaks it.
            continue
        if not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
            values.warn(f"{entry['operation']} {asked}: the response header name {name!r} is not an HTTP token; "
                        "the judge does not send it")
            continue
        schema = header.get("schema")
        if schema is None and header.get("content"):
            schema = next(iter(header["content"].values())).get("schema")
        value = header.get("example")
        if value is None or (schema is not None and values.errors(schema, value)):
            value = values.value(schema or {"type": "string"}, True, f"response {asked} header {name}", "response")
        as_json = header.get("schema") is None and any(is_json(m) for m in (header.get("content") or {}))
        headers[name] = json.dumps(value) if as_json else header_text(value)
    if 301 <= code <= 308 and code != 304 and not any(name.lower() == "location" for name in headers):
        # RFC 9110 has a server send `Location` with a redirect, and real ones do (Twilio's
        # documented 307 also says where in its body); the spec leaves it out. It points to
        # another origin, so the SDK returns the response instead of following it. Without
        # one, FoundationNetworking (Linux) never delivers the body (the runtime says so).
        headers["Location"] = "http://redirect.invalid/elsewhere"
        values.warn(f"{entry['operation']} {asked}: the {code} response documents no Location header; "
                    "the judge sends one to another origin")
    content = documented.get("content") or {}
    streamed = stream_media(content, accept)
    if streamed is not None and method.upper() != "HEAD":
        entry["streamed"] = STREAM_ITEMS
        body = stream_body(spec, values, streamed, content[streamed] or {},
                           f"{entry['operation']} response {key} {streamed}", entry)
        headers["Content-Type"] = base_media(streamed)
        return Response(body, status=code, headers=headers)
    media_type = pick_media(content)
    body = b""
    if media_type is not None and method.upper() != "HEAD":
        media = content[media_type] or {}
        value = body_value(spec, values, media_type, media, True, f"{entry['operation']} response {key} {media_type}",
                           "response")
        concrete = media_type.split(";")[0].strip()
        if "*" in concrete:
            concrete = "application/json" if is_json(concrete) and not isinstance(value, str) else "application/octet-stream"
            if concrete == "application/octet-stream" and media_type.startswith("text/"):
                concrete = "text/plain"
        if is_json(concrete):
            body = json.dumps(value).encode()
        elif concrete.lower() == "multipart/form-data" and isinstance(value, dict):
            boundary = "conformance-boundary-7d1f"
            body = multipart(value, boundary)
            concrete = f"multipart/form-data; boundary={boundary}"
        elif concrete.lower() == "application/x-www-form-urlencoded" and isinstance(value, dict):
            from urllib.parse import urlencode
            body = urlencode([(k, header_text(v) if not isinstance(v, list) else header_text(i))
                              for k, v in value.items() for i in (v if isinstance(v, list) else [v])]).encode()
        elif isinstance(value, (dict, list)):
            body = json.dumps(value).encode()
        else:
            body = header_text(value).encode()
        headers["Content-Type"] = concrete
    return Response(body, status=code, headers=headers)


def multipart(value, boundary):
    parts = []
    for name, item in value.items():
        for element in item if isinstance(item, list) else [item]:
            if isinstance(element, (dict, list)):
                kind, data = "application/json", json.dumps(element)
            else:
                kind, data = "text/plain", header_text(element)
            parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n"
                         f"Content-Type: {kind}\r\n\r\n{data}\r\n")
    return ("".join(parts) + f"--{boundary}--\r\n").encode()


def selfcheck(spec_path):
    """Validates the judge's own response for every documented status of every operation,
    without an SDK: prints one line per response openapi-core rejects, and the warnings."""
    from openapi_core import OpenAPI, Config
    from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    class FullContentType(WerkzeugOpenAPIResponse):
        @property
        def content_type(self):
            return str(self.response.content_type)

    spec = Spec(load_spec(spec_path))
    values = Values(spec)
    base = "http://127.0.0.1:1"
    validator = make_validator(spec.for_validator(base), check_spec=False)
    args = arguments(spec)["operations"]
    problems = 0
    for key, method, path, operation, _ in spec.operations():
        concrete = path
        for name, value in args[key]["minimal"].items():
            if name.startswith("path:"):
                concrete = concrete.replace("{" + name[5:] + "}", header_text(value))
        request = Request(EnvironBuilder(method=method.upper(), base_url=base, path=concrete).get_environ())
        for asked in operation.get("responses") or {}:
            entry = {"operation": key, "response_errors": []}
            response = make_response(spec, values, operation, str(asked).upper() if str(asked) != "default" else "default",
                                     method, entry)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                errors = [describe(e) for e in validator.iter_response_errors(WerkzeugOpenAPIRequest(request),
                                                                               FullContentType(response))]
            for error in entry["response_errors"] + errors:
                problems += 1
                print(f"{key} {asked}: {error}")
    for warning in values.warnings:
        print(f"warning: {warning}")
    print(f"{problems} invalid response(s)")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    args_parser = sub.add_parser("arguments")
    args_parser.add_argument("spec")
    serve_parser = sub.add_parser("serve")
    serve_parser.add_argument("spec")
    serve_parser.add_argument("--log", required=True)
    check_parser = sub.add_parser("selfcheck")
    check_parser.add_argument("spec")
    options = parser.parse_args()
    try:
        if options.command == "arguments":
            json.dump(arguments(Spec(load_spec(options.spec))), sys.stdout, sort_keys=True)
            sys.stdout.write("\n")
        elif options.command == "selfcheck":
            sys.exit(1 if selfcheck(options.spec) else 0)
        else:
            serve(options.spec, options.log)
    except UnsupportedSpec as exc:
        print(f"unsupported: {exc}", file=sys.stderr)
        sys.exit(3)


if __name__ == "__main__":
    main()
