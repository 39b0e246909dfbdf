import Foundation

/// Writing a command's text outputs: named files into a folder, and JSON in one form.
public enum OutputFiles {
    /// Writes each `(name, text)` into `folder`; returns the paths, in order.
    public static func write(_ files: [(name: String, text: String)], to folder: String) throws -> [String] {
        try files.map { file in
            let path = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// Pretty JSON with sorted snake_case keys, `<`, `>` and `&` escaped, and a final newline:
    /// the same value always gives the same bytes.
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escaping.json(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }
}
