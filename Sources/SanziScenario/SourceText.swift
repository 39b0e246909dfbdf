#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The raw bytes of a file, for turning libxml2's line numbers into exact columns.
///
/// libxml2 gives an element's line but not its column; Sanzi finds the start tag (and, for an
/// attribute, the attribute) in the text so that every message points at the right character.
struct SourceText {
    let path: String
    let bytes: [UInt8]
    /// Byte offset of the start of each line; `lineStarts[0]` is line 1.
    let lineStarts: [Int]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        lineStarts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            guard var cursor = buffer.baseAddress else { return starts }
            let end = cursor + buffer.count
            while cursor < end, let newline = memchr(cursor, 0x0A, end - cursor) {
                cursor = UnsafePointer(newline.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(cursor - buffer.baseAddress!)
            }
            return starts
        }
    }

    /// A location from a line and a byte offset known to be on or after that line.
    func location(atOffset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        let column = bytes.withUnsafeBufferPointer { buffer in
            var count = 1
            for byte in buffer[lineStart..<min(offset, buffer.count)] where byte & 0xC0 != 0x80 {
                count += 1  // count characters, not UTF-8 continuation bytes
            }
            return count
        }
        return SourceLocation(file: path, line: low + 1, column: column)
    }

    /// The location of line `line`, column 1 (clamped to the file).
    func startOfLine(_ line: Int) -> SourceLocation {
        SourceLocation(file: path, line: max(1, min(line, lineStarts.count)), column: 1)
    }

    /// The byte offset of the start tag `<name` that ends on or before `line`.
    ///
    /// libxml2 may report the line where a multi-line start tag ends, so the search goes back.
    func offsetOfStartTag(_ name: String, line: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let searchEnd = min(
            line < lineStarts.count ? lineStarts[line] : bytes.count, lineStarts[line - 1] + Self.searchLimit)
        let searchStart = max(lineStarts[max(0, line - 64)], searchEnd - Self.searchLimit)
        let pattern = Array("<\(name)".utf8)
        var index = searchEnd - pattern.count
        while index >= searchStart {
            if matches(pattern, at: index), isNameEnd(at: index + pattern.count) { return index }
            index -= 1
        }
        return nil
    }

    /// How far a search for a tag or an attribute looks, so that a hostile file with
    /// megabyte-long lines cannot make error reporting slow.
    static let searchLimit = 64 << 10

    /// The byte offset of attribute `name=` inside the start tag beginning at `tagOffset`.
    func offsetOfAttribute(_ name: String, inTagAt tagOffset: Int) -> Int? {
        let pattern = Array(name.utf8)
        return firstInTag(at: tagOffset) { index in
            bytes[index] != UInt8(ascii: ">") && isSpace(bytes[index - 1]) && matches(pattern, at: index)
                && isAttributeNameEnd(at: index + pattern.count)
        }
    }

    /// Where a new attribute goes in the start tag beginning at `tagOffset`: the offset of its
    /// closing `>`, or of the `/` of `/>`.
    func offsetOfTagEnd(_ tagOffset: Int) -> Int? {
        firstInTag(at: tagOffset) { bytes[$0] == UInt8(ascii: ">") }.map { end in
            bytes[end - 1] == UInt8(ascii: "/") ? end - 1 : end
        }
    }

    /// The first offset in the start tag at `tagOffset`, outside quoted values, where `stop`
    /// holds; nil when the tag's `>` comes first (unless `stop` accepts it).
    private func firstInTag(at tagOffset: Int, where stop: (Int) -> Bool) -> Int? {
        var index = tagOffset + 1
        var quote: UInt8?
        while index < min(bytes.count, tagOffset + Self.searchLimit) {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if stop(index) {
                return index
            } else if byte == UInt8(ascii: ">") {
                return nil
            }
            index += 1
        }
        return nil
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { text in
            pattern.withUnsafeBufferPointer { memcmp(text.baseAddress! + index, $0.baseAddress!, $0.count) == 0 }
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func isNameEnd(at index: Int) -> Bool {
        index >= bytes.count || isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ">")
            || bytes[index] == UInt8(ascii: "/")
    }

    private func isAttributeNameEnd(at index: Int) -> Bool {
        index < bytes.count && (isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "="))
    }
}
