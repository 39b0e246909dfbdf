/// An optional output field written as `null` when it has no value, as the outputs' docs
/// promise ("null without alerts"): Swift's synthesized encoding would leave the key out.
///
/// ```swift
/// struct Scores: Encodable { @NullWhenAbsent var recall: Double? }   // {"recall":null}
/// ```
@propertyWrapper
public struct NullWhenAbsent<Value: Encodable>: Encodable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension NullWhenAbsent: Sendable where Value: Sendable {}
extension NullWhenAbsent: Equatable where Value: Equatable {}
extension NullWhenAbsent: Hashable where Value: Hashable {}
