import SanziEngine
import SanziScenario
import SanziTruth

/// Every case of a run, misconduct and look-alike, by index: the order they were opened (a
/// case's id in the ground truth is its index + 1).
///
/// A look-alike is honest life that resembles misconduct: nothing changes it once opened, and
/// all its record says is its typology, village, beneficiary and day. Kept so, it takes 16
/// bytes where a `CaseRecord` takes 88: at 12,000 villages over ten years 212,152 of the
/// 227,135 cases are look-alikes (18.7 MB as records, growing with the horizon). Reading one
/// gives its `CaseRecord` back; should one ever be changed, it gets a whole record then.
struct CaseRecords: Sendable {
    /// A look-alike as opened: the fields of its `CaseRecord` that are not the defaults.
    struct LookAlike: Sendable {
        var village: Int32
        var beneficiary: Int32
        var day: Int32
        var typology: Typology

        var record: CaseRecord {
            CaseRecord(
                kind: .lookAlike, typology: typology, village: village, perpetrators: [], beneficiary: beneficiary,
                day: day, adapted: false)
        }
    }

    /// Where each case's record is: at `place` in `records`, or at `-1 - place` in
    /// `lookAlikes` where `place` is negative.
    private var places = ChunkedArray<Int32>()
    private var records = ChunkedArray<CaseRecord>()
    private var lookAlikes = ChunkedArray<LookAlike>()

    /// The cases opened.
    var count: Int { places.count }

    /// The cases kept as whole records: the misconduct cases, and any look-alike opened or
    /// since changed beyond what `LookAlike` holds.
    var wholeRecords: Int { records.count }

    /// Adds `record` after the others; its index is `count - 1`.
    mutating func append(_ record: CaseRecord) {
        if let lookAlike = Self.lookAlike(record) {
            places.append(-1 - Int32(lookAlikes.count))
            lookAlikes.append(lookAlike)
        } else {
            places.append(Int32(records.count))
            records.append(record)
        }
    }

    /// The record of the case at `index`, changed in place.
    subscript(index: Int) -> CaseRecord {
        get {
            let place = places[index]
            return place >= 0 ? records[Int(place)] : lookAlikes[Int(-1 - place)].record
        }
        _modify {
            let place = places[index]
            if place < 0 {
                places[index] = Int32(records.count)
                records.append(lookAlikes[Int(-1 - place)].record)
            }
            yield &records[Int(places[index])]
        }
    }

    /// `record` as a look-alike kept small, if it is one as opened.
    private static func lookAlike(_ record: CaseRecord) -> LookAlike? {
        let small = LookAlike(
            village: record.village, beneficiary: record.beneficiary, day: record.day, typology: record.typology)
        return record == small.record ? small : nil
    }
}
