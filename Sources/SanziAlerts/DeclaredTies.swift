import SanziEvents

/// Declared kinship ties: each person's relatives in the order declared, as a list per person
/// threaded through one array. A tie costs 32 bytes (a link each way) and a person 12, where
/// an array per person with ties cost some 60 more (at 12,000 villages R01 and R02 each kept
/// ~15 MB of those arrays).
struct DeclaredTies {
    /// Per person, the first and last link of their list.
    private var ends = CompactIDTable<(first: Int32, last: Int32)>()
    /// Each link: a relative and the next link of the same list, or -1.
    private var links: [(relative: Int64, next: Int32)] = []

    /// Declares `a` and `b` relatives of each other.
    mutating func add(_ a: Int64, _ b: Int64) {
        append(b, to: a)
        append(a, to: b)
    }

    private mutating func append(_ relative: Int64, to person: Int64) {
        // Two billion links would take 32 GB: no log that large can be read into memory.
        guard links.count < Int(Int32.max) else { return }
        let link = Int32(links.count)
        links.append((relative, -1))
        if let known = ends[person] {
            links[Int(known.last)].next = link
            ends[person] = (known.first, link)
        } else {
            ends[person] = (link, link)
        }
    }

    /// The relatives of `person`, in the order declared.
    func of(_ person: Int64) -> Relatives { Relatives(links: links, link: ends[person]?.first ?? -1) }

    struct Relatives: Sequence, IteratorProtocol {
        let links: [(relative: Int64, next: Int32)]
        var link: Int32

        var isEmpty: Bool { link < 0 }

        mutating func next() -> Int64? {
            guard link >= 0 else { return nil }
            let current = links[Int(link)]
            link = current.next
            return current.relative
        }
    }
}
