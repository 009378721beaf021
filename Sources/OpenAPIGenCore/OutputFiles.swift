// This file is compiled into two modules: OpenAPIGenCore, and the build plugin
// (Plugins/OpenAPIGenPlugin/OutputFiles.swift is a symbolic link to it), because a
// plugin cannot depend on a library target. Keep it free of imports.

/// The files `openapi-gen` writes. Which they are depends only on the file count, which
/// the configuration gives or the size of the spec's file sets (never its contents), so a
/// build system can list them before generating (the build plugin does); a file that
/// `emit` leaves out is still written, with a header that says why.
public enum OutputFiles {
    /// The most files an SDK can be split into.
    public static let maxFileCount = 64

    /// The configuration file read beside the spec (or given with `--config`).
    public static let configurationFileName = "openapi-gen.yaml"

    /// `Types.swift` and `Client.swift` for one file; `Part1.swift`…`PartN.swift` for N.
    public static func names(fileCount: Int) -> [String] {
        guard fileCount > 1 else { return ["Types.swift", "Client.swift"] }
        return (1...min(fileCount, maxFileCount)).map { "Part\($0).swift" }
    }

    /// Spec bytes per generated file when the configuration gives no count.
    public static let specBytesPerFile = 524_288

    /// The most files the automatic count gives.
    public static let maxAutomaticFileCount = 16

    /// The file count when neither `--files` nor the configuration gives one: one file per
    /// 512 KiB of the spec's file (the file named, not the files it refers to), at most 16.
    /// A small spec gets `Types.swift` and `Client.swift`; a large one is split so that the
    /// compiler, which hands each of its parallel jobs whole files, uses every core
    /// (Stripe's 4.2 MB spec: 8 files).
    public static func automaticFileCount(specByteCount: Int) -> Int {
        let count = specByteCount / specBytesPerFile + (specByteCount % specBytesPerFile == 0 ? 0 : 1)
        return min(max(count, 1), maxAutomaticFileCount)
    }

    /// The file count that the text of a configuration file asks for, as a tool that
    /// cannot parse YAML reads it: the first top-level `files:` line, whose value is a
    /// whole number, quoted or not, optionally followed by a `#` comment (1 when the value
    /// is not one); nil when there is no such line, and the count is then automatic. The
    /// generator reads the file with a YAML parser; run with `--expected-file-count`, it
    /// fails when the two readings disagree, so a build never compiles a set of files
    /// other than the one it declared.
    public static func fileCount(configurationText text: String) -> Int? {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            guard line.hasPrefix("files:") else { continue }
            var value = Substring(line.dropFirst("files:".count))
            if let comment = value.firstIndex(of: "#") { value = value[..<comment] }
            value = trimmed(value)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = trimmed(value.dropFirst().dropLast())
            }
            return Int(value) ?? 1
        }
        return nil
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
