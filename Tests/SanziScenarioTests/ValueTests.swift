import Testing

@testable import SanziScenario

@Suite("Money, dates and horizons")
struct ValueTests {
    @Test(arguments: [("1850", 185_000), ("0.5", 50), ("12000.25", 1_200_025), ("0", 0)])
    func moneyParsesYuanToFen(text: String, fen: Int64) {
        #expect(Money(yuanText: text[...]) == Money(fen: fen))
    }

    @Test(arguments: ["", "-1", "1.234", "1e3", "abc", "1.", "99999999999999999999"])
    func moneyRejectsOtherText(text: String) {
        #expect(Money(yuanText: text[...]) == nil)
    }

    @Test func moneyPrintsTwoDecimals() {
        #expect(Money(fen: 185_005).description == "1850.05")
        #expect(Money(fen: -50).description == "-0.50")
    }

    @Test func calendarDatesRoundTripThroughDayCounts() {
        for days in stride(from: -1_000, through: 40_000, by: 37) {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CalendarDate(iso: "2012-02-29")?.adding(days: 1).description == "2012-03-01")
        #expect(CalendarDate(iso: "2013-01-31")?.adding(months: 1).description == "2013-02-28")
    }

    @Test(arguments: ["2013-02-29", "2013-13-01", "2013-00-10", "2013-1-1", "x"])
    func calendarDateRejectsImpossibleDays(text: String) {
        #expect(CalendarDate(iso: text[...]) == nil)
    }

    @Test func horizonParsesIsoPeriods() {
        #expect(Horizon(iso: "P3Y") == Horizon(years: 3))
        #expect(Horizon(iso: "P1Y6M") == Horizon(years: 1, months: 6))
        #expect(Horizon(iso: "P90D") == Horizon(days: 90))
        #expect(Horizon(iso: "P") == nil)
        #expect(Horizon(iso: "P3M1Y") == nil)
        let start = CalendarDate(year: 2012, month: 1, day: 1)!
        #expect(Horizon(years: 2, months: 6).end(from: start).description == "2014-07-01")
    }
}

@Suite("Typology numbers")
struct TypologyNumberTests {
    /// Numbers are dense and unique, so arrays by typology and dataset classes hold them all.
    @Test func typologyNumbersAreDenseAndUnique() {
        #expect(Set(Typology.allCases.map(\.index)) == Set(0..<Typology.allCases.count))
        #expect(Typology.byIndex.enumerated().allSatisfy { $0.offset == $0.element.index })
        #expect(Typology.bidRotation.index == 2 && Typology.voteBuying.index == 13, "numbers never change")
    }
}
