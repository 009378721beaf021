// The bench runs every measured run in a fresh child process (itself, with `--child`),
// so each run's peak memory and time belong to that run alone. The child mode is
// dispatched before ArgumentParser to keep it out of the documented interface.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == ChildMode.flag {
    ChildMode.main(Array(arguments.dropFirst()))
} else if arguments.first == DecodingSources.flag {
    DecodingSources.main(Array(arguments.dropFirst()))
} else {
    BenchCommand.main()
}
