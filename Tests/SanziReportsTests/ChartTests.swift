import Testing

@testable import SanziOutput

@Suite("Charts")
struct ChartTests {
    /// Ticks at round numbers: 1, 2, 2.5 or 5 times a power of ten, whole, up past the maximum.
    @Test(
        arguments: [
            (111.0, [0.0, 25, 50, 75, 100, 125]), (7, [0, 2, 4, 6, 8]), (3, [0, 1, 2, 3]), (1, [0, 1]), (0, [0, 1]),
            (5_623_116, [0, 2_000_000, 4_000_000, 6_000_000]),
        ] as [(Double, [Double])])
    func ticksFallOnRoundNumbers(maximum: Double, expected: [Double]) {
        #expect(Frame.ticks(upTo: maximum) == expected)
    }

    /// Mark labels that would collide go to another row; the last one near the right edge
    /// turns to the left of its line.
    @Test func markLabelsNeverShareARowWhenTheyWouldOverlap() {
        var frame = Frame(title: "t", legend: [], maximum: 10)
        frame.place([(100, "2014-01-01 East: a long intervention name"), (120, "2014-02-01 North"), (990, "late")])
        #expect(frame.markRows.count == 2)
        #expect(frame.markRows.flatMap { $0 }.first { $0.label == "late" }?.anchor == "end")
        let boxes = SVGText.boxes(in: "<svg>" + frame.marks() + "</svg>")
        #expect(boxes.count == 3)
        for (index, box) in boxes.enumerated() { #expect(boxes[(index + 1)...].allSatisfy { !box.overlaps($0) }) }
    }
}
