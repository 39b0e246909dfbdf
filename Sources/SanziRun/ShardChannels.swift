import Foundation
import SanziWorld

#if canImport(Glibc)
    import Glibc
#endif

/// Why a district's world kept in another process or on another machine cannot be reached.
public struct ShardConnectionError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// A channel to a district's world in a process of its own (`sanzi shard`): each call on the
/// process's standard input, each answer on its standard output (`ShardStream`).
public final class ProcessChannel: ShardChannel, @unchecked Sendable {
    private let process: Process
    private let input: FileHandle
    private let calls: ShardStream
    private let answers: ShardStream

    /// Starts `executable` with `arguments`. A process that ends early makes the next call
    /// fail, not the run's process: SIGPIPE is ignored from then on.
    public init(executable: String, arguments: [String]) throws {
        signal(SIGPIPE, SIG_IGN)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let (toProcess, fromProcess) = (Pipe(), Pipe())
        process.standardInput = toProcess
        process.standardOutput = fromProcess
        try process.run()
        input = toProcess.fileHandleForWriting
        (calls, answers) = (ShardStream(input), ShardStream(fromProcess.fileHandleForReading))
    }

    public func post(_ message: [UInt8]) throws {
        do {
            try calls.send(message)
        } catch {
            throw ended()
        }
    }

    public func collect() throws -> [UInt8] {
        guard let answer = try? answers.receive() else { throw ended() }
        return answer
    }

    /// The process's end, once a pipe broke: it ended, or ends once its input does.
    private func ended() -> ShardConnectionError {
        try? input.close()
        process.waitUntilExit()
        let how =
            process.terminationReason == .uncaughtSignal
            ? "killed by signal \(process.terminationStatus)" : "status \(process.terminationStatus)"
        return ShardConnectionError(description: "the shard process ended (\(how))")
    }

    /// Closes the process's input, which ends it, and waits for it.
    deinit {
        try? input.close()
        process.waitUntilExit()
    }
}

/// Where a `sanzi shard --listen` serves, or a run finds it: a host name or address and a port.
public struct ShardAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    /// `HOST:PORT`; nil when it is not that.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        let host = text[..<colon]
        guard !host.isEmpty else { return nil }
        (self.host, self.port) = (String(host), port)
    }

    public var description: String { "\(host):\(port)" }
}

/// A channel to a district's world served by `sanzi shard --listen`, over TCP.
public final class SocketChannel: ShardChannel, @unchecked Sendable {
    private let address: ShardAddress
    private let stream: ShardStream

    /// Connects to the server at `address`.
    public init(_ address: ShardAddress) throws {
        signal(SIGPIPE, SIG_IGN)
        self.address = address
        stream = ShardStream(FileHandle(fileDescriptor: try Socket.connected(to: address), closeOnDealloc: true))
    }

    public func post(_ message: [UInt8]) throws {
        do {
            try stream.send(message)
        } catch {
            throw ShardConnectionError(description: "the connection to \(address) broke: \(error)")
        }
    }

    public func collect() throws -> [UInt8] {
        let answer: [UInt8]?
        do {
            answer = try stream.receive()
        } catch {
            throw ShardConnectionError(description: "the connection to \(address) broke: \(error)")
        }
        guard let answer else {
            throw ShardConnectionError(description: "the server at \(address) closed the connection")
        }
        return answer
    }
}

/// `sanzi shard --listen`: a socket that takes runs' connections, each served by a
/// `ShardServer` of its own on a thread of its own (a district's world each).
public struct ShardListener: ~Copyable {
    private let socket: Int32
    /// Where it listens (the port chosen when asked for port 0).
    public let address: ShardAddress

    /// Listens on `address`. It serves until it is stopped: SIGTERM and SIGINT end it, even
    /// when whoever started it had them blocked or ignored (a test runner's threads do).
    public init(_ address: ShardAddress) throws {
        signal(SIGPIPE, SIG_IGN)
        var stopping = sigset_t()
        sigemptyset(&stopping)
        for stop in [SIGTERM, SIGINT] {
            signal(stop, SIG_DFL)
            sigaddset(&stopping, stop)
        }
        pthread_sigmask(SIG_UNBLOCK, &stopping, nil)
        (socket, self.address) = try Socket.listening(on: address)
    }

    /// Serves every connection until the process ends; throws when it cannot accept one.
    public consuming func serve() throws -> Never {
        while true {
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                throw ShardConnectionError(description: "cannot accept a connection: \(Socket.reason)")
            }
            Socket.sendAtOnce(connection)
            let thread = Thread {
                let handle = FileHandle(fileDescriptor: connection, closeOnDealloc: true)
                try? ShardServer().serve(calls: ShardStream(handle), answers: ShardStream(handle))
            }
            // A district's world runs on it: the main thread's room, not a secondary's 512 KiB.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit { close(socket) }
}

/// The sockets' system calls.
enum Socket {
    /// The current `errno` in words.
    static var reason: String { String(cString: strerror(errno)) }

    /// A socket connected to `address`.
    static func connected(to address: ShardAddress) throws -> Int32 {
        try withAddresses(of: address, passive: false) { info in
            let connection = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard connection >= 0 else { return nil }
            guard connect(connection, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                close(connection)
                return nil
            }
            sendAtOnce(connection)
            return connection
        } failing: {
            "cannot connect to \(address): \($0)"
        }
    }

    /// A socket listening on `address`, and the address with the port it got.
    static func listening(on address: ShardAddress) throws -> (Int32, ShardAddress) {
        let listener = try withAddresses(of: address, passive: true) { info in
            let listener = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard listener >= 0 else { return nil }
            var on: Int32 = 1
            setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            guard bind(listener, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(listener, 64) == 0 else {
                close(listener)
                return nil
            }
            return listener
        } failing: {
            "cannot listen on \(address): \($0)"
        }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = withUnsafePointer(to: &bound) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        var listening = address
        listening.port = port
        return (listener, listening)
    }

    /// Sends each message as it is written (a call and its answer are small, and each waits
    /// for the other: Nagle's algorithm would hold each for the other's acknowledgement).
    static func sendAtOnce(_ socket: Int32) {
        var on: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The first socket `open` makes of the addresses of `address` (TCP); `failing` words the
    /// error when none.
    private static func withAddresses(
        of address: ShardAddress, passive: Bool, _ open: (UnsafeMutablePointer<addrinfo>) -> Int32?,
        failing: (String) -> String
    ) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address.host, String(address.port), &hints, &found)
        guard status == 0, let first = found else {
            throw ShardConnectionError(description: failing(String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(first) }
        var next: UnsafeMutablePointer<addrinfo>? = first
        var lastReason = "no address"
        while let info = next {
            if let socket = open(info) { return socket }
            lastReason = reason
            next = info.pointee.ai_next
        }
        throw ShardConnectionError(description: failing(lastReason))
    }
}
