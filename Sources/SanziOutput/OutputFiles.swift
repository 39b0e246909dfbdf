import Foundation

/// Writing a command's text outputs: named files into a folder, and JSON in one form.
public enum OutputFiles {
    /// Writes each `(name, text)` into `folder`, each file whole (see `OutputFile`); returns the
    /// paths, in order.
    public static func write(_ files: [(name: String, text: String)], to folder: String) throws(OutputError)
        -> [String]
    {
        var paths: [String] = []
        for file in files {
            let path = self.path(file.name, in: folder)
            try OutputFile.write(file.text, to: path)
            paths.append(path)
        }
        return paths
    }

    /// `folder/name`.
    public static func path(_ name: String, in folder: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// Pretty JSON with sorted snake_case keys, `<`, `>` and `&` escaped, and a final newline:
    /// the same value always gives the same bytes.
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A non-finite number, the one thing JSON cannot hold, is written as a string; with
        // that, plain structs of numbers, strings and arrays always encode.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(value) else {
            preconditionFailure("an output value could not be encoded as JSON")
        }
        return Escaping.json(utf8: data) + "\n"
    }
}
