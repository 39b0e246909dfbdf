import ArgumentParser

/// Numbers given on the command line as ranges and single values, `1-5`, `6,8`, `1-3,9`:
/// seeds, or the replications of a dataset.
struct NumberList: ExpressibleByArgument, Hashable {
    var numbers: [UInt64]
    /// The list as written, which help shows as the default.
    var defaultValueDescription: String

    init?(argument: String) {
        var numbers: [UInt64] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = bounds.first.flatMap({ UInt64($0) }), bounds.count <= 2 else { return nil }
            let last = bounds.count == 2 ? UInt64(bounds[1]) : first
            guard let last, first <= last, last - first < 10_000 else { return nil }
            numbers += Array(first...last)
        }
        guard !numbers.isEmpty, Set(numbers).count == numbers.count else { return nil }
        self.numbers = numbers
        defaultValueDescription = argument
    }
}
