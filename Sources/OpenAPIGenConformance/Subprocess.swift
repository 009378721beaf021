import Foundation

/// Child processes with their output in files (so no pipe fills up) and a time limit.
enum Subprocess {
    struct Result {
        var status: Int32
        /// Standard error, and standard output when it was not sent to a file.
        var output: String
        var timedOut: Bool
    }

    /// Runs `executable` to its end or until `timeout`, when it is stopped.
    static func run(
        _ executable: String, _ arguments: [String], in folder: String, timeout: Duration,
        environment: [String: String]? = nil, stdoutFile: String? = nil
    ) -> Result {
        let outputFile = (folder as NSString).appendingPathComponent(".output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: outputFile) }
        let running: Running
        do {
            running = try start(
                executable, arguments, in: folder, environment: environment, stdoutFile: stdoutFile ?? outputFile,
                stderrFile: outputFile)
        } catch {
            return Result(status: -1, output: "cannot run \(executable): \(error)", timedOut: false)
        }
        let timedOut = !running.wait(timeout: timeout)
        if timedOut { running.stop() }
        let output = String(decoding: FileManager.default.contents(atPath: outputFile) ?? Data(), as: UTF8.self)
        return Result(status: running.process.terminationStatus, output: output, timedOut: timedOut)
    }

    /// A started child. Its stdin is a pipe the parent holds: closing it (``stop()``, or the
    /// parent's exit) tells a judge to end.
    final class Running: @unchecked Sendable {
        let process: Process
        let input: Pipe

        init(process: Process, input: Pipe) {
            self.process = process
            self.input = input
        }

        /// Waits for the end; false when `timeout` passed first.
        func wait(timeout: Duration) -> Bool {
            let deadline = ContinuousClock.now + timeout
            while process.isRunning {
                if ContinuousClock.now >= deadline { return false }
                Thread.sleep(forTimeInterval: 0.02)
            }
            process.waitUntilExit()
            return true
        }

        /// Closes stdin, then terminates and finally kills the process if it is still running.
        func stop() {
            try? input.fileHandleForWriting.close()
            guard process.isRunning else { return }
            if wait(timeout: .seconds(5)) { return }
            process.terminate()
            if wait(timeout: .seconds(5)) { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        /// The rest of the first line of `file` that starts with `prefix`, once the process wrote it.
        func waitForLine(prefix: String, in file: String, timeout: Duration) -> String? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let data = FileManager.default.contents(atPath: file) {
                    for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
                    where line.hasPrefix(prefix) {
                        return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                    }
                }
                if !process.isRunning { return nil }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }
    }

    static func start(
        _ executable: String, _ arguments: [String], in folder: String, environment: [String: String]? = nil,
        stdoutFile: String, stderrFile: String
    ) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        if let environment { process.environment = environment }
        _ = FileManager.default.createFile(atPath: stdoutFile, contents: nil)
        if stderrFile != stdoutFile { _ = FileManager.default.createFile(atPath: stderrFile, contents: nil) }
        guard let output = FileHandle(forWritingAtPath: stdoutFile),
            let errors = stderrFile == stdoutFile ? output : FileHandle(forWritingAtPath: stderrFile)
        else {
            throw ConformanceError("cannot write \(stdoutFile)")
        }
        defer {
            try? output.close()
            try? errors.close()
        }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return Running(process: process, input: input)
    }
}
