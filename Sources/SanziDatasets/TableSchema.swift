/// A dataset table's columns, as the data card documents them and the files are written.
public struct TableSchema: Sendable {
    public enum ColumnType: String, Sendable {
        case integer, decimal, string, boolean
    }

    public struct Column: Sendable {
        public var name: String
        public var type: ColumnType
        /// Unit of a number (`yuan`, `days`, `share`…), if any.
        public var unit: String?
        public var meaning: String

        init(_ name: String, _ type: ColumnType, _ unit: String? = nil, _ meaning: String) {
            self.name = name
            self.type = type
            self.unit = unit
            self.meaning = meaning
        }
    }

    public var name: String
    public var meaning: String
    public var columns: [Column]
    /// Whether the table is ground truth (never to be used as features).
    public var groundTruth: Bool

    public var columnNames: [String] { columns.map(\.name) }
}
