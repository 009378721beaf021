import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts this executable again in child mode for one measured run.
enum ChildProcess {
    /// This executable's own path.
    static let executable: String = {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return path
            }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }()

    /// Runs `tool` on `spec` in a child process, writing into `outputDirectory`, and
    /// returns what the child reported. The child's stderr passes through.
    static func measure(_ tool: Tool, spec: String, outputDirectory: String) throws -> RunMeasurement {
        let (status, output) = try spawnAndWait(arguments: [ChildMode.flag, tool.rawValue, spec, outputDirectory])
        let line = output.split(separator: "\n").last { $0.hasPrefix(ChildReport.marker) }
        guard let line,
            let report = try? JSONDecoder().decode(
                ChildReport.self, from: Data(line.dropFirst(ChildReport.marker.count).utf8))
        else {
            throw ToolError("the \(tool.rawValue) child \(describe(status)) without a report")
        }
        if let error = report.error { throw ToolError(error) }
        guard let measurement = report.measurement else {
            throw ToolError("the \(tool.rawValue) child reported nothing")
        }
        return measurement
    }

    /// Says how a child ended, from its wait status.
    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signal)"
    }

    /// posix_spawn with stdout on a pipe; reads it to the end and reaps the child.
    private static func spawnAndWait(arguments: [String]) throws -> (status: Int32, stdout: String) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw ToolError("pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])

        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw ToolError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }

        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output.append(contentsOf: buffer[0..<count])
        }
        close(readEnd)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status, String(decoding: output, as: UTF8.self))
    }
}
