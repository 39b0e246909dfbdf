import Testing

@testable import SanziDatasets

@Suite("The village split")
struct VillageSplitTests {
    /// 15% (rounded, at least one) to test and as many to valid, the rest to train: ten villages
    /// give 6/2/2 (the old independent draws gave 9/0/1 on the default town).
    @Test(arguments: [(2, [2, 0, 0]), (3, [1, 1, 1]), (10, [6, 2, 2]), (40, [28, 6, 6]), (100, [70, 15, 15])])
    func everySideGetsItsShare(villages: Int, expected: [Int]) {
        let sides = Labels.villageSplits((0..<villages).map { "v\($0)" })
        #expect((0..<3).map { side in sides.filter { $0 == side }.count } == expected)
    }

    /// A village's side depends on the village list, never on its position or a replication.
    @Test func aVillagesSideDoesNotDependOnTheOrder() {
        let ids = (0..<25).map { "village-\($0)" }
        let forward = Dictionary(uniqueKeysWithValues: zip(ids, Labels.villageSplits(ids)))
        let reversed = Dictionary(uniqueKeysWithValues: zip(ids.reversed(), Labels.villageSplits(ids.reversed())))
        #expect(forward == reversed)
    }

    @Test func aTypologyMissingFromASideIsWarnedWithTheCounts() {
        let balance = [
            "transactions": [
                "train": ["honest": 50, "bid-rigging": 5], "valid": ["honest": 9], "test": ["bid-rigging": 3],
            ]
        ]
        #expect(
            DataCard.splitWarnings(balance, villages: 10) == [
                "transactions: no bid-rigging rows on valid (train 5, test 3): more replications or villages"
            ])
        #expect(
            DataCard.splitWarnings([:], villages: 2) == ["2 villages: too few to split, so every village is in train"])
    }
}
