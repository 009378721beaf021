#if canImport(Glibc)
import Glibc
#endif
import CFuzzerDriver
import OpenAPIGenCore

/// One input: any bytes must give either generated source or a diagnostic, never a
/// crash, a sanitizer report or a hang.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let configuration = GeneratorConfiguration(moduleName: "Fuzzed", specDisplayName: "fuzz.yaml")
    _ = try? Generator.generate(bytes, file: "fuzz.yaml", configuration: configuration)
    return 0
}

@main
enum OpenAPIGenFuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) }
        exit(status)
    }
}
