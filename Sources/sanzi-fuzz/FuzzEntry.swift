// libFuzzer harnesses for what Sanzi reads: scenario files, thresholds files, event logs, and
// scenarios at the edges of what validation accepts, simulated for a short horizon.
//
// Fuzzing build (Tools/fuzz/run.sh): `-sanitize=fuzzer -DFUZZING`; libFuzzer supplies `main`,
// and SANZI_FUZZ names the harness. Plain build: `sanzi-fuzz HARNESS FILE...` runs each file
// through the harness once, to replay a corpus or reproduce a crash without the fuzzer.
import Foundation

/// libFuzzer's entry point: one input through the harness SANZI_FUZZ names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    Harness.chosen.run(Array(UnsafeRawBufferPointer(start: start, count: count)))
    return 0
}

#if FUZZING
    /// libFuzzer's driver, which parses its options and calls the entry point per input.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafeRawPointer, Int) -> CInt
    ) -> CInt

    /// The fuzzing build's `main`. SwiftPM links an executable's `main` to the symbol
    /// `MODULE_main`, so libFuzzer's own `main` is never used: this one starts its driver.
    @_cdecl("sanzi_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var vector = argv
        return runFuzzerDriver(&count, &vector) { start, size in fuzzOneInput(start, size) }
    }
#else
    /// The plain build's `main`: each file through the named harness.
    @main
    struct CorpusReplay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let harness = Harness(rawValue: name) else {
                print("usage: sanzi-fuzz \(Harness.allCases.map(\.rawValue).joined(separator: "|")) FILE...")
                exit(64)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("\(path): cannot read")
                    exit(66)
                }
                harness.run(Array(data))
            }
            print("\(harness.rawValue): \(arguments.count - 1) inputs, no crash")
        }
    }
#endif
