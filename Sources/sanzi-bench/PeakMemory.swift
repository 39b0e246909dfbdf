#if canImport(Glibc)
    import Glibc
#endif

/// Peak resident memory of this process, from Linux's /proc.
enum PeakMemory {
    /// Resets the peak to the current resident size (Linux ≥ 4.0); returns whether it could.
    @discardableResult
    static func reset() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
    }

    /// The peak resident size in MiB (VmHWM), or 0 where /proc is not available.
    static func mebibytes() -> Double {
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                let kilobytes = text.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
                return kilobytes / 1024
            }
        }
        return 0
    }
}
