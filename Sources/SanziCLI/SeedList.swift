import ArgumentParser

/// Seeds given on the command line as ranges and single values: `1-5`, `6,8`, `1-3,9`.
struct SeedList: ExpressibleByArgument, Hashable {
    var seeds: [UInt64]
    /// The list as written, which help shows as the default.
    var defaultValueDescription: String

    init?(argument: String) {
        var seeds: [UInt64] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard let first = bounds.first.flatMap({ UInt64($0) }), bounds.count <= 2 else { return nil }
            let last = bounds.count == 2 ? UInt64(bounds[1]) : first
            guard let last, first <= last, last - first < 10_000 else { return nil }
            seeds += Array(first...last)
        }
        guard !seeds.isEmpty, Set(seeds).count == seeds.count else { return nil }
        self.seeds = seeds
        defaultValueDescription = argument
    }
}
