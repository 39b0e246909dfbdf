import Testing

@testable import SanziRun

/// How `sanzi compare`'s tables write numbers.
@Suite("Comparison tables")
struct ComparisonFilesTests {
    /// Grouped by thousands whether whole or not (a mean of 9179.3 petitions was written
    /// ungrouped beside a whole 9,155), to a tenth, the sign kept below one.
    @Test func numbersAreGroupedToATenth() {
        #expect(ComparisonFiles.number(9_155) == "9,155")
        #expect(ComparisonFiles.number(9_179.25) == "9,179.3")
        #expect(ComparisonFiles.number(13_114.8) == "13,114.8")
        #expect(ComparisonFiles.number(-24.3) == "-24.3")
        #expect(ComparisonFiles.number(-0.3) == "-0.3")
        #expect(ComparisonFiles.number(2.96) == "3")
        #expect(ComparisonFiles.number(-0.04) == "0")
        #expect(ComparisonFiles.number(1_234_567.05) == "1,234,567.1")
        #expect(ComparisonFiles.number(.nan) == "nan")
    }
}
