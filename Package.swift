// swift-tools-version: 6.0
// Sanzi: a discrete-event simulator of village collective "three capitals" on a public trading
// platform, watched by an integrity early-warning system.
//
// The targets follow the data flow, and dependencies point one way only:
//
//   scenario ──▶ engine + world ──▶ event log ──▶ alerts ──▶ evaluation, reports ──▶ run ──▶ tuning, datasets, CLI
//
// The alert rules never import the world, and the world never imports the rules: what passes
// between them (the log, what offenders know of the rules) is defined in SanziEvents, below
// both. The rules never read the ground truth; evaluation, reports (which name the cases behind
// a story), tuning (which scores candidates), datasets (labels), the run pipeline (cases.csv)
// and the CLI (its summary) do. SanziOutput, the file writing every output goes through,
// depends on nothing of Sanzi's.
import PackageDescription

let package = Package(
    name: "Sanzi",
    products: [
        .executable(name: "sanzi", targets: ["sanzi"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // libxml2, reached directly; no libxml2 type leaves SanziScenario.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Scenario files: XSD, safe parsing, semantic checks → plain `Scenario` values.
        .target(
            name: "SanziScenario",
            dependencies: ["CLibXML2", "SanziEvents", "SanziOutput"],
            resources: [.embedInCode("Schema/sanzi-scenario-1.xsd")]
        ),
        // The domain-free discrete-event engine and its random streams.
        .target(name: "SanziEngine", dependencies: ["CSanziPrefetch"]),
        // A prefetch hint (a C builtin Swift does not expose): the engine's heap, the world's
        // states, the log's village ids.
        .target(name: "CSanziPrefetch"),
        // Writing outputs: files moved into place whole, CSV and JSON escaping, the HTML page
        // frame and SVG charts. Depends on nothing of Sanzi's.
        .target(name: "SanziOutput"),
        // The observable event vocabulary: the world writes it, the rules read it.
        .target(name: "SanziEvents", dependencies: ["SanziOutput", "CSanziPrefetch"]),
        // Ground truth (misconduct cases), kept apart from the observable log.
        .target(name: "SanziTruth", dependencies: ["SanziScenario", "SanziEvents", "SanziOutput"]),
        // The simulated world: villages, platform, ledger, oversight, misconduct.
        .target(
            name: "SanziWorld",
            dependencies: [
                "SanziScenario", "SanziEngine", "SanziEvents", "SanziTruth", "SanziOutput", "CSanziPrefetch",
            ]),
        // The integrity early-warning rules: they read the event log and nothing else.
        .target(name: "SanziAlerts", dependencies: ["SanziEvents", "SanziScenario", "SanziOutput", "SanziEngine"]),
        // Alerts against ground truth.
        .target(name: "SanziEvaluation", dependencies: ["SanziAlerts", "SanziTruth"]),
        // Anomaly reports for analysts.
        .target(
            name: "SanziReports",
            dependencies: [
                "SanziEvaluation", "SanziAlerts", "SanziTruth", "SanziEvents", "SanziScenario", "SanziOutput",
            ]),
        // The one run pipeline: scenario, seed and rules → simulation, threads, outputs.
        .target(
            name: "SanziRun",
            dependencies: [
                "SanziWorld", "SanziAlerts", "SanziEvaluation", "SanziReports", "SanziTruth", "SanziEvents",
                "SanziScenario", "SanziOutput", "SanziEngine", "CSanziMalloc",
                .product(name: "DequeModule", package: "swift-collections"),
            ]),
        // Threshold tuning by replay.
        .target(
            name: "SanziTuning",
            dependencies: [
                "SanziEvaluation", "SanziAlerts", "SanziTruth", "SanziEvents", "SanziScenario", "SanziOutput",
                "SanziRun",
            ]
        ),
        // Labelled training datasets.
        .target(
            name: "SanziDatasets",
            dependencies: [
                "SanziAlerts", "SanziTruth", "SanziWorld", "SanziEvents", "SanziScenario", "SanziEngine",
                "SanziOutput", "SanziRun",
            ]),
        // The command-line interface: wiring only.
        .target(
            name: "SanziCLI",
            dependencies: [
                "SanziScenario", "SanziEvents", "SanziTruth", "SanziWorld", "SanziAlerts", "SanziEvaluation",
                "SanziReports", "SanziTuning", "SanziDatasets", "SanziOutput", "SanziRun", "SanziEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.embedInCode("Resources/default.xml")]
        ),
        .executableTarget(name: "sanzi", dependencies: ["SanziCLI", "CSanziMalloc"]),
        // glibc's malloc arenas capped for the executable, and its free memory given back once a
        // run's world is let go (C macros and functions Swift does not import).
        .target(name: "CSanziMalloc"),
        // The engine benchmark: `swift run -c release sanzi-bench`.
        .executableTarget(
            name: "sanzi-bench",
            dependencies: [
                "SanziEngine", "CSanziPrefetch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        // libFuzzer harnesses for scenario, thresholds and log readers and for scenarios at the
        // edges (Tools/fuzz/run.sh builds them with -sanitize=fuzzer); a plain build replays
        // inputs through them.
        .executableTarget(
            name: "sanzi-fuzz",
            dependencies: ["SanziScenario", "SanziEvents", "SanziAlerts", "SanziRun"],
            resources: [.embedInCode("Resources/edges-base.xml")]
        ),
        // The tuning benchmark: `swift run -c release sanzi-bench-tuning`.
        .executableTarget(
            name: "sanzi-bench-tuning",
            dependencies: ["SanziTuning", "SanziAlerts", "SanziOutput", "SanziScenario"]
        ),
        .testTarget(name: "SanziScenarioTests", dependencies: ["SanziScenario"]),
        .testTarget(name: "SanziEngineTests", dependencies: ["SanziEngine"]),
        .testTarget(name: "SanziEventsTests", dependencies: ["SanziEvents"]),
        .testTarget(name: "SanziTruthTests", dependencies: ["SanziTruth", "SanziScenario", "SanziOutput"]),
        .testTarget(
            name: "SanziWorldTests",
            dependencies: [
                "SanziWorld", "SanziEvents", "SanziScenario", "SanziTruth", "SanziAlerts", "SanziEvaluation",
                "SanziRun",
            ]),
        .testTarget(
            name: "SanziAlertsTests", dependencies: ["SanziAlerts", "SanziEvents", "SanziScenario", "SanziOutput"]),
        .testTarget(
            name: "SanziEvaluationTests",
            dependencies: ["SanziEvaluation", "SanziAlerts", "SanziTruth", "SanziScenario"]),
        .testTarget(
            name: "SanziReportsTests",
            dependencies: [
                "SanziReports", "SanziEvaluation", "SanziAlerts", "SanziEvents", "SanziTruth", "SanziScenario",
            ]),
        .testTarget(
            name: "SanziTuningTests",
            dependencies: [
                "SanziTuning", "SanziWorld", "SanziAlerts", "SanziEvents", "SanziTruth", "SanziScenario",
                "SanziEvaluation",
            ]),
        .testTarget(
            name: "SanziDatasetsTests", dependencies: ["SanziDatasets", "SanziEvents", "SanziScenario", "SanziAlerts"]),
        .testTarget(
            name: "SanziRunTests",
            dependencies: ["SanziRun", "SanziWorld", "SanziAlerts", "SanziEvents", "SanziScenario"]),
        .testTarget(
            name: "SanziCLITests",
            dependencies: ["SanziCLI", "SanziScenario", "SanziTruth", "sanzi", "sanzi-fuzz", "sanzi-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
