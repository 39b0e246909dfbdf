import SanziAlerts
import SanziEvents
import SanziOutput
import SanziScenario

/// `sanzi replay`: the alert rules over a saved log, without simulating. The rules are the
/// same code as in `RunPipeline`, so with the run's own settings the alerts are the run's.
public enum Replay {
    /// What a replay read and raised.
    public struct Outcome: Sendable {
        public var events: Int
        public var alerts: RaisedAlerts
        /// alerts.csv and alerts.jsonl.
        public var paths: [String]
    }

    /// Why a replay failed.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The log could not be opened or is not Sanzi's.
        case cannotRead(EventLogReader.ReadError)
        case cannotWrite(OutputError)

        public var description: String {
            switch self {
            case .cannotRead(let error): error.description
            case .cannotWrite(let error): error.description
            }
        }
    }

    /// Reads the log at `path` on this thread while the rules run on another, then writes
    /// the alerts into `folder`, built beside it and moved into place whole (`StagedFolder`;
    /// `force` lets it replace a folder that is not an earlier replay's). With `expectedEvents`
    /// (the run record's count), a log that ends early or runs on is an error.
    public static func run(
        log path: String, rules: AlertEngine, into folder: String, expectedEvents: Int? = nil, force: Bool = false
    ) throws(Failure) -> Outcome {
        let staged: StagedFolder
        do throws(OutputError) {
            staged = try StagedFolder(target: folder, command: "replay", force: force)
        } catch {
            throw .cannotWrite(error)
        }
        let collector = AlertCollector(engine: rules)
        let pipeline = PipelineSink(collector)
        var events = 0
        var reader: EventLogReader
        do throws(EventLogReader.ReadError) {
            reader = try EventLogReader(path: path)
        } catch {
            throw .cannotRead(error)
        }
        do throws(EventLogReader.ReadError) {
            while let event = try reader.next() {
                events += 1
                pipeline.accept(event)
            }
        } catch {
            pipeline.finish()
            throw .cannotRead(error)
        }
        pipeline.finish()
        if let expectedEvents, expectedEvents != events {
            throw .cannotRead(
                .malformed(
                    path: path, line: events,
                    reason:
                        "the log holds \(events) events where its run.json says \(expectedEvents) (cut short, or not this run's)"
                ))
        }
        let start =
            reader.firstDate.flatMap { first in
                CalendarDate(iso: first.date[...]).map { $0.adding(days: -Int(first.day)) }
            } ?? CalendarDate(year: 2000, month: 1, day: 1)
        do throws(OutputError) {
            let writer = try AlertWriter(
                folder: staged.path, villageIDs: reader.villageIDs,
                dateOfDay: { day in start.map { $0.adding(days: Int(day)).description } ?? "" })
            for alert in collector.alerts { writer.write(alert) }
            do throws(OutputError) {
                try writer.finish()
            } catch {
                throw staged.finalError(error)
            }
            let paths = staged.finalPaths(writer.paths)
            try staged.commit()
            return Outcome(events: events, alerts: collector.alerts, paths: paths)
        } catch {
            throw .cannotWrite(error)
        }
    }
}
