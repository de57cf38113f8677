import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Runs one alert command with `posix_spawn`: its standard input an unlinked temporary file holding the
/// alert (so that neither a command that never reads nor a large alert can block the daemon, and no pipe
/// can raise SIGPIPE), in a process group of its own with default signal handling (the daemon ignores
/// SIGTERM and SIGHUP to read them itself, and a child would inherit that), and none of the daemon's other
/// descriptors: a command that leaves a process behind must not keep the state lock, the database or a
/// socket open.
///
/// Its standard output and error go to one pipe drained on a thread of its own, so that a talkative command
/// never blocks; the first ``CommandRun/outputLimit`` bytes are kept for the log. The wait for its exit runs
/// on another thread; at the timeout, or when the calling task is cancelled, the whole process group is
/// killed with SIGKILL.
public enum CommandRunner {
    /// Runs `command` with `input` on its standard input, until it exits or its timeout.
    public static func run(_ command: AlertCommand, input: Data) async -> CommandRun {
        guard let program = command.arguments.first else { return CommandRun(outcome: .notStarted(ENOENT)) }
        let inputFile: Int32
        do throws(ErrnoCode) {
            inputFile = try temporaryFile(holding: input)
        } catch {
            return CommandRun(outcome: .notStarted(error.code))
        }
        defer { close(inputFile) }
        var output: [Int32] = [-1, -1]
        guard veilleur_pipe_cloexec(&output) == 0 else { return CommandRun(outcome: .notStarted(errno)) }

        var pid: pid_t = 0
        let spawned = spawn(program: program, arguments: command.arguments, input: inputFile, output: output[1], pid: &pid)
        close(output[1])
        guard spawned == 0 else {
            close(output[0])
            return CommandRun(outcome: .notStarted(spawned))
        }

        let collector = OutputCollector(descriptor: output[0], limit: CommandRun.outputLimit)
        let collected = Task.detached {
            await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8], Never>) in
                Thread.detachNewThread { continuation.resume(returning: collector.collect()) }
            }
        }
        let child = Child(pid: pid)
        let timer = Task {
            try? await Task.sleep(for: command.timeout)
            if !Task.isCancelled { child.kill(timedOut: true) }
        }
        let status = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
                Thread.detachNewThread { continuation.resume(returning: child.waitForExit()) }
            }
        } onCancel: {
            child.kill(timedOut: false)
        }
        timer.cancel()
        collector.childExited()
        let text = String(decoding: await collected.value, as: UTF8.self)
        if child.wasTimedOut { return CommandRun(outcome: .timedOut, output: text) }
        let signal = status & 0x7F
        guard signal == 0 else { return CommandRun(outcome: .signalled(signal), output: text) }
        let code = (status >> 8) & 0xFF
        return CommandRun(outcome: code == 0 ? .succeeded : .exited(code), output: text)
    }

    /// A file holding `data`, already unlinked and read from its start.
    private static func temporaryFile(holding data: Data) throws(ErrnoCode) -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/veilleur-alert-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw ErrnoCode(code: errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let failed = data.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return true }
                offset += written
            }
            return false
        }
        guard !failed, lseek(descriptor, 0, SEEK_SET) == 0 else {
            let code = errno
            close(descriptor)
            throw ErrnoCode(code: code)
        }
        return descriptor
    }

    /// Starts the program; 0 or the `errno` of the failure.
    private static func spawn(program: String, arguments: [String], input: Int32, output: Int32, pid: inout pid_t) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Descriptors opened without O_CLOEXEC (by libraries we do not control) stay out of the command;
        // before glibc 2.34 they cannot be closed this way, and the command still runs.
        let closing = veilleur_spawn_close_from(&actions, 3)
        guard closing == 0 || closing == ENOSYS else { return closing }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGQUIT, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        return posix_spawn(&pid, program, &actions, &attributes, argv, envp)
    }
}

/// Reads a command's output until it ends, keeping the first bytes: it reads until end of file, or, once
/// the command has exited, until the pipe is momentarily empty, so that a process left behind holding the
/// pipe can neither keep this thread nor grow anything.
private final class OutputCollector: Sendable {
    private let descriptor: Int32
    private let limit: Int
    private let exited = Atomic<Bool>(false)
    private static let drainAfterExit = 1 << 16

    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = limit
    }

    /// Tells the reader that the command has exited: what is not in the pipe by now is not waited for.
    func childExited() {
        exited.store(true, ordering: .releasing)
    }

    /// Blocks until the output ends; the first `limit` bytes of it. Closes the pipe.
    func collect() -> [UInt8] {
        defer { close(descriptor) }
        var kept: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var readSinceExit = 0
        while true {
            let finishing = exited.load(ordering: .acquiring)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            // While the command runs, wake now and then to see whether it has exited.
            let ready = poll(&poller, 1, finishing ? 0 : 50)
            if ready < 0, errno == EINTR { continue }
            if ready < 0 { return kept }
            if ready == 0 {
                if finishing { return kept }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return kept }
            kept.append(contentsOf: buffer[..<min(count, max(0, limit - kept.count))])
            // A process left behind that never stops writing is not followed for long.
            if finishing {
                readSinceExit += count
                if readSinceExit > Self.drainAfterExit { return kept }
            }
        }
    }
}

/// The `errno` a step of starting a command failed with.
private struct ErrnoCode: Error {
    let code: Int32
}

/// A started child: killed at most while it has not been reaped, so that a recycled pid is never hit.
private final class Child: Sendable {
    let pid: pid_t
    /// Whether it has exited (not yet reaped), and whether we killed it at its timeout.
    private let state = Mutex((exited: false, timedOut: false))

    init(pid: pid_t) {
        self.pid = pid
    }

    var wasTimedOut: Bool { state.withLock { $0.timedOut } }

    /// Kills its whole process group, unless it has exited already.
    func kill(timedOut: Bool) {
        state.withLock { state in
            guard !state.exited else { return }
            if timedOut { state.timedOut = true }
            _ = Glibc.kill(-pid, SIGKILL)
        }
    }

    /// Blocks until it exits, then reaps it; its wait status.
    func waitForExit() -> Int32 {
        // Wait without reaping first: the pid stays ours until `exited` is set, so a kill never hits another process.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        state.withLock { $0.exited = true }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return status
    }
}
