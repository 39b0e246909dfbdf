/// Kinship ties by person, registered or hidden: each person's relatives, in the order of the
/// ties, in one array with each person's start (an array per person cost ~60 bytes more for
/// everyone with kin: some 20 MB at 12,000 villages). Built once the world's ties are drawn;
/// people who come later (successors, challengers, new firms' owners) have no kin.
struct Kinship: Sendable {
    /// Person p's relatives are `relatives[starts[p]..<starts[p + 1]]`.
    private var starts: [Int] = [0]
    private var relatives: [(person: Int32, registered: Bool)] = []

    init() {}

    /// Indexes `ties` among `persons` people.
    init(_ ties: [KinshipTie], persons: Int) {
        var counts = [Int](repeating: 0, count: persons)
        for tie in ties {
            counts[Int(tie.a)] += 1
            counts[Int(tie.b)] += 1
        }
        starts = [Int](repeating: 0, count: persons + 1)
        for person in 0..<persons { starts[person + 1] = starts[person] + counts[person] }
        var next = Array(starts.dropLast())
        relatives = Array(repeating: (-1, false), count: starts[persons])
        for tie in ties {
            relatives[next[Int(tie.a)]] = (tie.b, tie.registered)
            next[Int(tie.a)] += 1
            relatives[next[Int(tie.b)]] = (tie.a, tie.registered)
            next[Int(tie.b)] += 1
        }
    }

    /// Adds a person with no kin.
    mutating func addPerson() { starts.append(relatives.count) }

    /// The relatives of the person at `index`, in the order of the ties.
    subscript(index: Int) -> ArraySlice<(person: Int32, registered: Bool)> {
        relatives[starts[index]..<starts[index + 1]]
    }
}
