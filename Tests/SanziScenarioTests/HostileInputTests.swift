import Foundation
import Testing

@testable import SanziScenario

/// Files written to harm or confuse the reader: each must be rejected with a clear message,
/// never crash, never echo the file it tried to reach, never load a DTD or touch the network.
@Suite("Hostile and broken files")
struct HostileInputTests {
    static let doctypeMessage = "a DOCTYPE is not allowed in a Sanzi file"

    /// A scenario body after a prolog, for attacks that live in the DOCTYPE.
    static func withDoctype(_ doctype: String, body: String = "<scenario xmlns=\"urn:sanzi:scenario:1\">&e;</scenario>")
        -> String
    {
        "<?xml version=\"1.0\"?>\n<!-- a comment first -->\n\(doctype)\n\(body)\n"
    }

    @Test func externalEntityPointingAtALocalFileIsRejectedWithoutReadingIt() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-secret-\(getpid()).txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = Self.withDoctype("<!DOCTYPE scenario [ <!ENTITY e SYSTEM \"file://\(secret.path)\"> ]>")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 1)
        #expect(errors[0].hasPrefix("test.xml:3:1: error: \(Self.doctypeMessage)"))
        #expect(!errors.joined().contains("TOP-SECRET"))
    }

    @Test(arguments: [
        ("parameter entity", "<!DOCTYPE scenario [ <!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p; ]>"),
        ("external DTD", "<!DOCTYPE scenario SYSTEM \"file:///etc/passwd\">"),
        ("http entity", "<!DOCTYPE scenario [ <!ENTITY e SYSTEM \"http://127.0.0.1:9/x\"> ]>"),
        ("lower-case doctype", "<!doctype scenario>"),
        (
            "billion laughs",
            "<!DOCTYPE s [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
        ),
        ("quadratic blow-up", "<!DOCTYPE s [<!ENTITY e \"\(String(repeating: "x", count: 100_000))\">]>"),
    ])
    func doctypeAttacksAreRejectedBeforeParsing(name: String, doctype: String) {
        let errors = Fixtures.errors(Self.withDoctype(doctype))
        #expect(errors.count == 1, "\(name)")
        #expect(errors.first?.hasPrefix("test.xml:3:1: error: \(Self.doctypeMessage)") == true, "\(name)")
        #expect(errors.first?.contains("root:") == false, "\(name) must not echo /etc/passwd")
    }

    @Test func quadraticBlowUpInTheBodyNeedsADeclarationAndSoFails() {
        let references = String(repeating: "&e;", count: 10_000)
        let errors = Fixtures.errors("<scenario xmlns=\"urn:sanzi:scenario:1\">\(references)</scenario>")
        #expect(errors.contains { $0.contains("Entity 'e' not defined") })
    }

    /// libxml2's check for repeated attributes is quadratic in their number (100,000 took
    /// 133 s); a crowded tag is refused before it parses.
    @Test func aTagWithThousandsOfAttributesIsOneErrorAtTheTag() {
        let attributes = (0..<50_000).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let text = Fixtures.minimal(replacing: "<geography>", with: "<geography \(attributes)>")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 1)
        #expect(
            errors.first?.contains("error: an element with 50000 attributes; no Sanzi element has more than 100")
                == true)
        // Quotes and comments are read past: '=' inside them is no attribute.
        let quoted = Fixtures.minimal(
            replacing: "<geography>",
            with: "<!-- \(String(repeating: "x=1 ", count: 500)) --><geography>")
        #expect(!Fixtures.errors(quoted).contains { $0.contains("attributes;") })
    }

    @Test func aHundredProblemsAreShownAndTheRestCounted() {
        let attributes = (0..<90).map { "a\($0)=\"1\"" }.joined(separator: " ")
        let elements = String(repeating: "<district id=\"x\" \(attributes)/>", count: 5)
        let text = Fixtures.minimal(replacing: "<geography>", with: "<geography>\(elements)")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 101)
        #expect(errors.last?.contains("more problems not shown; fix the first 100 and validate again") == true)
    }

    /// libxml2's schema code reads XML 1.1 only in part, printing "Unimplemented block" to
    /// standard error without a place.
    @Test func anXMLVersionOtherThan1_0IsRefusedAtTheDeclaration() {
        let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#
        let errors = Fixtures.errors(Fixtures.minimal(replacing: declaration, with: #"<?xml version="1.1"?>"#))
        #expect(
            errors == [
                #"test.xml:1:1: error: XML version "1.1" is not read; Sanzi files are XML 1.0: write <?xml version="1.0" encoding="UTF-8"?>"#
            ])
        #expect(Fixtures.errors(Fixtures.minimal(replacing: declaration, with: "<?xml version='1.0'?>")).isEmpty)
    }

    /// Opening a FIFO waits for a writer; the reader opens without waiting and refuses it.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-fifo-\(UUID())").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: ScenarioError.self) { try ScenarioLoader.loadDocument(contentsOf: path) }
        do {
            _ = try ScenarioLoader.loadDocument(contentsOf: path)
        } catch {
            #expect(error.description == "\(path): error: cannot read the file: not a regular file")
        }
    }

    @Test func hundredThousandNestedElementsStopAtLibxml2sDepthLimit() {
        let nested = String(repeating: "<x>", count: 100_000) + String(repeating: "</x>", count: 100_000)
        let text = Fixtures.minimal(replacing: "<geography>", with: "<geography>" + nested)
        let errors = Fixtures.errors(text)
        #expect(errors.contains { $0.contains("error: Excessive depth in document: 256") })
        #expect(!errors.contains { $0.contains("XML_PARSE_HUGE") })
    }

    @Test func invalidUtf8IsRejectedOnOneLine() {
        var bytes = Array("<?xml version=\"1.0\"?>\n<scenario xmlns=\"urn:sanzi:scenario:1\" name=\"".utf8)
        bytes += [0xFF, 0xFE, 0xC3]
        bytes += Array("\"/>".utf8)
        let errors = errors(bytes)
        #expect(errors == ["bytes.xml:2:46: error: Input is not proper UTF-8; Bytes: 0xFF 0xFE 0xC3 0x22"])
    }

    @Test func emptyFileIsRejected() {
        let message =
            "bytes.xml:1:1: error: the file has no root element: it is empty or holds only white space and comments"
        #expect(errors([]) == [message])
        #expect(errors(Array("  \n<!-- nothing -->\n".utf8)) == [message])
    }

    @Test func binaryGarbageIsRejected() {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let errors = errors(garbage)
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.hasPrefix("bytes.xml:") && $0.contains(": error: ") && !$0.contains("\n") })
    }

    @Test func utf16IsRejectedWithAClearMessage() {
        #expect(
            errors([0xFF, 0xFE, 0x3C, 0x00]) == [
                "bytes.xml:1:1: error: the file is UTF-16 or UTF-32; Sanzi reads scenario files in UTF-8"
            ])
    }

    @Test func fiftyMegabyteTextIsRejectedByLibxml2sTextLimit() {
        let prefix = Array("<?xml version=\"1.0\"?>\n<scenario xmlns=\"urn:sanzi:scenario:1\"><description>".utf8)
        let bytes =
            prefix + [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20) + Array("</description></scenario>".utf8)
        let errors = errors(bytes)
        #expect(errors.last?.contains("error: a text is larger than libxml2's 10 MB limit") == true)
        #expect(errors.allSatisfy { $0.count < 400 })
    }

    @Test func largeValidFileIsRead() throws {
        let villages = (1...20_000).map {
            "<village id=\"g\($0)\" name=\"Generated village \($0)\" profile=\"small\"/>"
        }
        let text = Fixtures.minimal(
            replacing: "<villages count=\"2\" profile=\"small\"/>", with: villages.joined(separator: "\n"))
        let scenario = try Fixtures.load(text).value
        #expect(scenario.geography.villages.count == 20_001)
        #expect(scenario.geography.villages.last?.id == "g20000")
    }

    @Test func fileOverTheSizeLimitIsRefusedBeforeReading() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-huge-\(getpid()).xml").path
        try #require(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(truncate(path, off_t(ScenarioLoader.maximumFileSize + 1)) == 0)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.loadScenario(contentsOf: path) }
        do {
            _ = try ScenarioLoader.loadScenario(contentsOf: path)
        } catch {
            #expect(
                error.description
                    == "\(path): error: cannot read the file: the file is 256 MiB; Sanzi reads scenario files up to 256 MiB"
            )
        }
    }

    @Test func missingFileAndDirectoryAreUnreadable() {
        for (path, reason) in [("/nonexistent/x.xml", "No such file or directory"), ("/tmp", "not a regular file")] {
            do {
                _ = try ScenarioLoader.loadScenario(contentsOf: path)
                Issue.record("\(path) should not load")
            } catch {
                guard case .unreadable(_, let actual) = error else {
                    Issue.record("\(path): \(error)")
                    continue
                }
                #expect(actual == reason)
            }
        }
    }

    private func errors(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try ScenarioLoader.loadDocument(bytes: bytes, path: "bytes.xml")
            return []
        } catch {
            guard case .invalid(_, let diagnostics) = error else { return [error.description] }
            return diagnostics.map(\.description)
        }
    }
}
