import Foundation
import Testing

/// The fuzzers' seed corpora (and any crash input added to them) go through the plain build of
/// each harness: a regression here is a crash libFuzzer once found or a seed that stopped
/// reading. Tools/fuzz/run.sh fuzzes from the same corpora.
@Suite("Fuzz corpora replay without a crash")
struct FuzzCorpusTests {
    let cli = CommandLineTests()

    @Test(arguments: ["scenario", "thresholds", "log", "edges"])
    func theCorpusReplays(harness: String) throws {
        let folder = CommandLineTests.root.appendingPathComponent("Tools/fuzz/corpus/\(harness)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { folder.appendingPathComponent($0).path }
        #expect(!inputs.isEmpty)
        let fuzzer = CommandLineTests.executable.deletingLastPathComponent().appendingPathComponent("sanzi-fuzz")
        let result = try cli.run(fuzzer, [harness] + inputs)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "\(harness): \(inputs.count) inputs, no crash\n")
    }
}
