// The generated files (Types.swift, Client.swift) come from OpenAPIGenPlugin at build
// time. Users of this module get the runtime's types (errors, configuration) with it.
@_exported import OpenAPIGenRuntime
