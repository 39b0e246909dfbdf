import Foundation
import SanziEvents
import SanziOutput
import Testing

@testable import SanziAlerts

/// The compact store gives back every alert as it was appended, and finds escalations' events.
@Suite("Raised alerts")
struct RaisedAlertsTests {
    static func alert(
        _ id: UInt64, _ rule: String, _ subject: AlertSubject, evidence: [UInt64], values: [Alert.Value] = [],
        combines: [UInt64] = []
    ) -> Alert {
        var alert = Alert(
            rule: rule, severity: combines.isEmpty ? .yellow : .orange, day: Int32(id) * 3, village: Int32(id) - 2,
            subject: subject, score: Double(id) / 7, threshold: -0.5, evidence: evidence, values: values)
        alert.id = id
        alert.combines = combines
        return alert
    }

    static let alerts = [
        alert(1, "C02", .listing(-4), evidence: [10, 11], values: [.init("bids", 2), .init("share", 0.25)]),
        alert(2, "F01", .village, evidence: [12]),
        alert(3, "E01", .contract(Int64.max), evidence: [], combines: [1, 2]),
        alert(4, "F01", .bidder(0), evidence: [], values: [.init("owner", 9)]),
        alert(5, "E02", .village, evidence: [], combines: [3, 4, 99]),
    ]

    @Test func everyAlertComesBackAsItWasAppended() {
        let raised = RaisedAlerts(Self.alerts)
        #expect(Array(raised) == Self.alerts)
        #expect(raised.count == 5 && raised.indices == 0..<5)
        #expect(raised.map(\.rule) == Self.alerts.indices.map(raised.rule(at:)))
        #expect(Self.alerts.indices.allSatisfy { raised.subject(at: $0) == Self.alerts[$0].subject })
        #expect(RaisedAlerts() == RaisedAlerts([]) && RaisedAlerts().isEmpty)
    }

    /// An escalation's events are those of what it combines, escalations of escalations too;
    /// an id that is not among the alerts before it adds nothing (so no loop of ids can recur).
    @Test func escalationsReachTheEventsOfWhatTheyCombine() {
        let raised = RaisedAlerts(Self.alerts)
        #expect(raised.events(of: 0) == [10, 11])
        #expect(raised.events(of: 2) == [10, 11, 12])
        #expect(raised.events(of: 3) == [])
        #expect(raised.events(of: 4) == [10, 11, 12])
        let loop = RaisedAlerts([
            Self.alert(1, "E01", .village, evidence: [], combines: [2]),
            Self.alert(2, "E02", .village, evidence: [], combines: [1, 2]),
        ])
        #expect(loop.events(of: 0) == [] && loop.events(of: 1) == [])
    }

    /// Ids are positions + 1 as long as the alerts are numbered so (the engine's numbering);
    /// any other id is kept, and found by a scan.
    @Test func idsAreFoundInEitherOrder() {
        let rising = RaisedAlerts(Self.alerts)
        #expect((1...5).map { rising.position(of: UInt64($0)) } == [0, 1, 2, 3, 4])
        #expect(rising.position(of: 0) == nil && rising.position(of: 6) == nil)
        let shuffled = RaisedAlerts([Self.alerts[3], Self.alerts[0], Self.alerts[4], Self.alerts[0]])
        #expect(shuffled.position(of: 1) == 1 && shuffled.position(of: 5) == 2 && shuffled.position(of: 2) == nil)
        #expect(Array(shuffled) == [Self.alerts[3], Self.alerts[0], Self.alerts[4], Self.alerts[0]])
    }

    /// Rows and pools grow by chunks of 4,096: ten thousand alerts with lists of every length
    /// cross several chunk boundaries in each, and come back whole.
    @Test func manyAlertsComeBackWholeAcrossChunks() {
        let alerts = (1...10_000).map { (n: Int) -> Alert in
            let subject: AlertSubject = n % 5 == 0 ? .village : .listing(Int64(n))
            let evidence = (0..<(n % 4)).map { UInt64(n * 10 + $0) }
            let values = (0..<(n % 3)).map { Alert.Value("v\($0)", Double(n) + 0.5) }
            let combines: [UInt64] = n % 3 == 0 ? [UInt64(n - 1), UInt64(n - 2)] : []
            let rule = n % 3 == 0 ? "E01" : "C0\(n % 7)"
            return Self.alert(UInt64(n), rule, subject, evidence: evidence, values: values, combines: combines)
        }
        let raised = RaisedAlerts(alerts)
        #expect(raised.count == 10_000 && Array(raised) == alerts)
        #expect(raised.events(of: 8_999) == raised.events(of: 8_998) + raised.events(of: 8_997))
    }
}

/// A run's alerts set aside in a file while its world runs come back as they were raised.
@Suite("Spooled alerts")
struct AlertSpoolTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-spool-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    /// Every alert, of every subject, severity and list length, with ids that are not positions,
    /// is read back the same; the spool's file is never seen in its folder.
    @Test func alertsComeBackAsTheyWereAppended() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spool = try AlertSpool(folder: folder)
        let alerts = RaisedAlertsTests.alerts + [RaisedAlertsTests.alerts[0], RaisedAlertsTests.alerts[4]]
        for alert in alerts { spool.append(alert) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let back = try spool.readBack()
        #expect(Array(back) == alerts && back == RaisedAlerts(alerts) && spool.count == 7)
        #expect(try AlertSpool(folder: folder).readBack().isEmpty)
    }

    /// Forty thousand alerts with lists of every length fill several of the spool's 256 KiB
    /// blocks and come back whole, in order.
    @Test func manyAlertsComeBackAcrossBlocks() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spool = try AlertSpool(folder: folder)
        let alerts = (1...40_000).map { (n: Int) -> Alert in
            let subject: AlertSubject = [.village, .listing(Int64(n)), .contract(-Int64(n)), .bidder(7)][n % 4]
            let values = (0..<(n % 5)).map { Alert.Value("v\($0 % 3)", Double(n) / 3) }
            return RaisedAlertsTests.alert(
                UInt64(n), "R\(n % 11)", subject, evidence: (0..<(n % 6)).map { UInt64(n + $0) }, values: values,
                combines: n % 7 == 0 ? [UInt64(n - 1)] : [])
        }
        for alert in alerts { spool.append(alert) }
        let back = try spool.readBack()
        #expect(back.count == 40_000 && Array(back) == alerts)
    }

    @Test func aSpoolOutsideAFolderIsAnError() {
        #expect(throws: OutputError.self) { try AlertSpool(folder: "/nonexistent-sanzi-folder/run") }
    }
}
