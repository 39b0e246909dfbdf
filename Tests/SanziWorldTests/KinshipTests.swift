import SanziEngine
import Testing

@testable import SanziWorld

@Suite("Kinship by person")
struct KinshipTests {
    /// Each person's relatives come back in the order of the ties, as an array per person
    /// built tie by tie has them (what the world kept before); people with no ties, and people
    /// added after the index was built, have none.
    @Test func relativesInTheOrderOfTheTies() {
        var random = RandomStream(seed: 3)
        func pick(_ count: Int) -> Int32 { Int32(random.integer(in: 0...(count - 1))) }
        let persons = 300
        var ties: [KinshipTie] = []
        var reference = [[(person: Int32, registered: Bool)]](repeating: [], count: persons)
        for index in 0..<2_000 {
            let tie = KinshipTie(a: pick(persons), b: pick(persons - 10), registered: index % 3 == 0)
            ties.append(tie)
            reference[Int(tie.a)].append((tie.b, tie.registered))
            reference[Int(tie.b)].append((tie.a, tie.registered))
        }
        var kinship = Kinship(ties, persons: persons)
        kinship.addPerson()
        kinship.addPerson()
        for person in 0..<persons {
            #expect(kinship[person].map(\.person) == reference[person].map(\.person), "person \(person)")
            #expect(kinship[person].map(\.registered) == reference[person].map(\.registered))
        }
        #expect(kinship[persons].isEmpty && kinship[persons + 1].isEmpty)
    }
}
