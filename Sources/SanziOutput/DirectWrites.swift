#if os(Linux)
    import Dispatch
    import Glibc

    /// The rest of a long file sent to the disk past the page cache (`O_DIRECT`): bytes are
    /// copied into one of two aligned buffers of 1 MiB, and a thread of its own writes each full
    /// buffer while the other fills, so that the thread writing the file spends no time in the
    /// kernel for it.
    ///
    /// On this project's virtual machine, a program writing 3,000 MiB in pieces of 1 MiB spent
    /// 1.2–1.4 s in the kernel through the page cache (dropping behind as `OutputFile` does);
    /// this way, 0.09 s copying into the buffers and 0.25 s in the kernel on the writes' thread
    /// (smaller buffers cost that thread more: 256 KiB, some 1.5 times). docs/performance.md
    /// has what it does to whole runs.
    ///
    /// A write's failure is thrown by the next `append(_:)` or by `finish()`. Where a direct
    /// write is refused as misaligned (a device whose blocks are larger than a page), that
    /// write and the later ones go through the page cache, from the same thread.
    final class DirectWrites: @unchecked Sendable {
        /// The bytes of a buffer, written at once.
        static let bufferSize = 1 << 20
        /// The alignment of the buffers and of the file offsets they are written at: a page,
        /// the largest logical block of the usual devices.
        static let alignment = 4_096

        /// `O_DIRECT`, which Glibc's module leaves out (it needs `_GNU_SOURCE`): its value in
        /// the kernel's headers for each architecture, nil where not listed here.
        private static let directFlag: Int32? = {
            #if arch(x86_64) || arch(i386)
                0o40_000
            #elseif arch(arm64)
                0o200_000
            #else
                nil
            #endif
        }()

        private let file: File
        private let writes = DispatchQueue(label: "sanzi.output.direct-writes")
        /// Signalled as each buffer's write ends: the buffer filled next is then free.
        private let oneWritten = DispatchSemaphore(value: 1)
        private let failure = Locked<OutputError?>(nil)
        private let buffers: [UnsafeMutableRawPointer]
        // The writing thread's own: the buffer it fills, its bytes so far, and where it goes.
        private var filling = 0
        private var filled = 0
        private var offset: Int

        /// Sends the file's bytes from `offset` (a multiple of `alignment`) past the page cache,
        /// or returns nil where the file system does not allow it.
        init?(descriptor: Int32, path: String, offset: Int) {
            let flags = fcntl(descriptor, F_GETFL)
            guard let direct = Self.directFlag, offset % Self.alignment == 0, flags >= 0,
                fcntl(descriptor, F_SETFL, flags | direct) == 0
            else {
                return nil
            }
            file = File(descriptor: descriptor, path: path)
            self.offset = offset
            buffers = (0..<2).map { _ in .allocate(byteCount: Self.bufferSize, alignment: Self.alignment) }
        }

        deinit {
            waitForWrites()
            for buffer in buffers { buffer.deallocate() }
        }

        /// Copies `bytes` into the buffers, handing each full one to the writes' thread.
        func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
            guard var next = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let count = min(left, Self.bufferSize - filled)
                (buffers[filling] + filled).copyMemory(from: next, byteCount: count)
                filled += count
                next += count
                left -= count
                if filled == Self.bufferSize { try send() }
            }
        }

        /// Hands the full buffer over and waits until the other one is free. The write holds
        /// no reference to `self`: were it the last, `deinit` would run on the writes' thread
        /// and wait there for that thread (a trap).
        private func send() throws(OutputError) {
            let (piece, file, failure, oneWritten) = (filledPiece, file, failure, oneWritten)
            writes.async {
                if failure.withLock({ $0 == nil }), let error = file.write(piece) {
                    failure.withLock { $0 = error }
                }
                oneWritten.signal()
            }
            offset += filled
            filled = 0
            filling = 1 - filling
            oneWritten.wait()
            try throwAnyFailure()
        }

        /// Waits for the writes handed over (before the file is closed).
        func waitForWrites() { writes.sync {} }

        /// Waits for the writes handed over, then writes what is left through the page cache
        /// (its length need not be a multiple of a block); the first failure of any write.
        func finish() throws(OutputError) {
            waitForWrites()
            try throwAnyFailure()
            _ = file.stopGoingDirect()
            if let error = file.write(filledPiece) { throw error }
        }

        /// The first failure of a write on the queue, if there was one.
        private func throwAnyFailure() throws(OutputError) {
            if let failure = failure.withLock({ $0 }) { throw failure }
        }

        /// A buffer's bytes and where they go in the file.
        private struct Piece: @unchecked Sendable {
            var start: UnsafeMutableRawPointer
            var count: Int
            var offset: Int
        }

        /// The buffer being filled, as far as it is, and where it goes.
        private var filledPiece: Piece { Piece(start: buffers[filling], count: filled, offset: offset) }

        /// The file the buffers go to.
        private struct File: Sendable {
            let descriptor: Int32
            let path: String

            /// Writes all of `piece`; a direct write refused as misaligned is written through
            /// the page cache instead, and so is every later one.
            func write(_ piece: Piece) -> OutputError? {
                var done = 0
                while done < piece.count {
                    let written = pwrite(descriptor, piece.start + done, piece.count - done, off_t(piece.offset + done))
                    if written < 0, errno == EINTR { continue }
                    if written < 0, errno == EINVAL, stopGoingDirect() { continue }
                    guard written > 0 else { return .cannotWrite(path: path, reason: OutputError.systemReason) }
                    done += written
                }
                return nil
            }

            /// Clears `O_DIRECT`; whether it was set and is cleared now. (A write refused after
            /// this is refused for another reason, and fails.)
            func stopGoingDirect() -> Bool {
                let flags = fcntl(descriptor, F_GETFL)
                guard let direct = DirectWrites.directFlag, flags >= 0, flags & direct != 0 else { return false }
                return fcntl(descriptor, F_SETFL, flags & ~direct) == 0
            }
        }
    }
#endif
