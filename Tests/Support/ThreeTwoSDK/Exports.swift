// The SDK's Swift is generated at build time by OpenAPIGenPlugin from openapi.yaml and
// openapi-gen.yaml in this folder; this file re-exports the runtime it is written against.
@_exported import OpenAPIGenRuntime
