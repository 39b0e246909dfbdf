/// Text built as UTF-8 bytes, for files written in bulk (alerts, the ground truth): numbers
/// are formatted in place, without a string each.
extension Array where Element == UInt8 {
    /// Appends a whole number's decimal digits without making a string.
    @inlinable
    public mutating func appendDigits<Number: BinaryInteger>(_ value: Number) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        Swift.withUnsafeMutableBytes(of: &digits) { scratch in
            var index = scratch.count
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            append(contentsOf: scratch[index...])
        }
    }

    /// Appends whole numbers with `separator` between them.
    @inlinable
    public mutating func appendDigits<Number: BinaryInteger>(_ values: [Number], separator: Unicode.Scalar) {
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: separator)) }
            appendDigits(value)
        }
    }
}
