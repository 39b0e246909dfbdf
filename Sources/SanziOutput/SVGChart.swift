/// Small inline SVG charts for `report.html` and `tuning.html`: no script, no external resource.
public enum SVGChart {
    public static let colours = ["yellow": "#e0b100", "orange": "#e8730c", "red": "#c81e1e"]

    /// Stacked bars, one per label, one segment per series (in order, bottom first).
    public static func stackedBars(
        labels: [String], series: [(name: String, colour: String, values: [Int])], title: String
    )
        -> String
    {
        let width = 720.0
        let height = 220.0
        let left = 40.0
        let bottom = 30.0
        let totals = labels.indices.map { index in series.reduce(0) { $0 + $1.values[index] } }
        let top = Double(max(totals.max() ?? 0, 1))
        let step = (width - left - 10) / Double(max(labels.count, 1))
        var svg = open(width: width, height: height, title: title)
        svg += axis(left: left, bottom: height - bottom, right: width - 10, top: 10, maximum: top)
        for index in labels.indices {
            var y = height - bottom
            let x = left + Double(index) * step
            for entry in series where entry.values[index] > 0 {
                let h = Double(entry.values[index]) / top * (height - bottom - 10)
                y -= h
                svg += rect(
                    x: x + 1, y: y, width: max(step - 2, 1), height: h, fill: entry.colour,
                    tip: "\(labels[index]): \(entry.values[index]) \(entry.name)")
            }
            if labels.count <= 24 || index % max(1, labels.count / 12) == 0 {
                svg += text(x: x + step / 2, y: height - bottom + 14, labels[index], anchor: "middle", size: 9)
            }
        }
        return svg + legend(series.map { ($0.name, $0.colour) }, x: left + 10, y: 14) + "</svg>\n"
    }

    /// Horizontal bars, one row per label, one bar per series side by side, values in 0...1.
    public static func shareBars(
        labels: [String], series: [(name: String, colour: String, values: [Double?])], title: String
    )
        -> String
    {
        let rowHeight = 16.0 * Double(series.count) + 6
        let left = 60.0
        let width = 720.0
        let height = 30 + rowHeight * Double(labels.count)
        var svg = open(width: width, height: height, title: title)
        let span = width - left - 60
        for (row, label) in labels.enumerated() {
            let y = 26 + Double(row) * rowHeight
            svg += text(x: left - 6, y: y + 12, label, anchor: "end", size: 11)
            for (index, entry) in series.enumerated() {
                let value = entry.values[row] ?? 0
                let barY = y + Double(index) * 16
                svg += rect(
                    x: left, y: barY, width: max(span * value, 0.5), height: 14, fill: entry.colour,
                    tip: "\(label) \(entry.name): \(percent(entry.values[row]))")
                svg += text(
                    x: left + span * value + 4, y: barY + 11, percent(entry.values[row]), anchor: "start", size: 10)
            }
        }
        return svg + legend(series.map { ($0.name, $0.colour) }, x: left, y: 14) + "</svg>\n"
    }

    /// A grid of cells shaded by value in 0...1, with the count written in each cell.
    public static func heatMap(rows: [String], columns: [String], shares: [[Double]], counts: [[Int]], title: String)
        -> String
    {
        let cell = 26.0
        let left = 170.0
        let top = 50.0
        let width = left + cell * Double(columns.count) + 10
        let height = top + cell * Double(rows.count) + 10
        var svg = open(width: width, height: height, title: title)
        for (column, name) in columns.enumerated() {
            svg += text(x: left + cell * (Double(column) + 0.5), y: top - 8, name, anchor: "middle", size: 10)
        }
        for (row, name) in rows.enumerated() {
            let y = top + cell * Double(row)
            svg += text(x: left - 6, y: y + cell * 0.65, name, anchor: "end", size: 11)
            for column in columns.indices {
                let share = shares[row][column]
                let shade = Int(255 - 190 * min(max(share, 0), 1))
                svg += rect(
                    x: left + cell * Double(column), y: y, width: cell - 1, height: cell - 1,
                    fill: "rgb(\(shade),\(shade),255)",
                    tip: "\(name) × \(columns[column]): \(counts[row][column]) cases")
                if counts[row][column] > 0 {
                    svg += text(
                        x: left + cell * (Double(column) + 0.5), y: y + cell * 0.65, "\(counts[row][column])",
                        anchor: "middle", size: 10)
                }
            }
        }
        return svg + "</svg>\n"
    }

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(Escaping.html(title))\">\n"
            + "<title>\(Escaping.html(title))</title>\n"
    }

    private static func axis(left: Double, bottom: Double, right: Double, top: Double, maximum: Double) -> String {
        "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#888\"/>\n"
            + "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(left))\" y2=\"\(n(top))\" stroke=\"#888\"/>\n"
            + text(x: left - 4, y: top + 8, NumberText.grouped(Int64(maximum)), anchor: "end", size: 9)
            + text(x: left - 4, y: bottom, "0", anchor: "end", size: 9)
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tip: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\">"
            + "<title>\(Escaping.html(tip))</title></rect>\n"
    }

    private static func text(x: Double, y: Double, _ content: String, anchor: String, size: Int) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">"
            + "\(Escaping.html(content))</text>\n"
    }

    /// Coloured squares with their names in a row, each name given room by its length.
    private static func legend(_ entries: [(String, String)], x: Double, y: Double) -> String {
        var svg = ""
        var offset = x
        for entry in entries {
            svg += "<rect x=\"\(n(offset))\" y=\"\(n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(entry.1)\"/>\n"
            svg += text(x: offset + 14, y: y, entry.0, anchor: "start", size: 11)
            offset += max(110, 14 + 6.5 * Double(entry.0.count) + 16)
        }
        return svg
    }

    /// Lines over labelled steps (months), one per series, from zero up to the largest value.
    public static func lines(
        labels: [String], series: [(name: String, colour: String, values: [Double])], title: String
    )
        -> String
    {
        let width = 720.0
        let height = 240.0
        let left = 70.0
        let bottom = 30.0
        let top = max(series.flatMap(\.values).max() ?? 0, 1)
        let step = (width - left - 10) / Double(max(labels.count - 1, 1))
        func x(_ index: Int) -> Double { left + Double(index) * step }
        func y(_ value: Double) -> Double { height - bottom - value / top * (height - bottom - 24) }
        var svg = open(width: width, height: height, title: title)
        svg += axis(left: left, bottom: height - bottom, right: width - 10, top: 24, maximum: top)
        for entry in series where entry.values.count > 1 {
            let points = entry.values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }
            svg +=
                "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(entry.colour)\" "
                + "stroke-width=\"2\"><title>\(Escaping.html(entry.name))</title></polyline>\n"
        }
        for index in labels.indices where labels.count <= 24 || index % max(1, labels.count / 12) == 0 {
            svg += text(x: x(index), y: height - bottom + 14, labels[index], anchor: "middle", size: 9)
        }
        return svg + legend(series.map { ($0.name, $0.colour) }, x: left + 10, y: 14) + "</svg>\n"
    }

    /// One precision-recall curve per parameter of a rule, in a square with ticks every 25%
    /// on both axes and their titles: recall across, precision up, each curve's points joined
    /// in the order of its values. The starting point is ringed and labelled "start"; the
    /// chosen point filled red and labelled "chosen" (nothing is chosen for a rule switched off).
    public static func precisionRecall(
        _ curves: [(name: String, colour: String, points: [(recall: Double, precision: Double)])],
        start: (recall: Double, precision: Double)?, chosen: (recall: Double, precision: Double)?, title: String,
        subtitle: String? = nil
    ) -> String {
        let size = 300.0
        let (left, right, top) = (48.0, 14.0, subtitle == nil ? 30.0 : 44.0)
        let bottom = 44.0 + 16 * Double(curves.count)
        let span = size - left - right
        func x(_ recall: Double) -> Double { left + span * min(max(recall, 0), 1) }
        func y(_ precision: Double) -> Double { top + span * (1 - min(max(precision, 0), 1)) }
        var svg = open(width: size, height: top + span + bottom, title: title + (subtitle.map { ", \($0)" } ?? ""))
        svg += text(x: size / 2, y: 16, title, anchor: "middle", size: 12)
        if let subtitle { svg += text(x: size / 2, y: 31, subtitle, anchor: "middle", size: 11) }
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg +=
                "<line x1=\"\(n(x(tick)))\" y1=\"\(n(y(0)))\" x2=\"\(n(x(tick)))\" y2=\"\(n(y(1)))\" stroke=\"#ddd\"/>\n"
            svg +=
                "<line x1=\"\(n(x(0)))\" y1=\"\(n(y(tick)))\" x2=\"\(n(x(1)))\" y2=\"\(n(y(tick)))\" stroke=\"#ddd\"/>\n"
            svg += text(x: x(tick), y: y(0) + 15, percent(tick), anchor: "middle", size: 11)
            svg += text(x: x(0) - 5, y: y(tick) + 4, percent(tick), anchor: "end", size: 11)
        }
        svg += text(x: x(0.5), y: y(0) + 31, "recall", anchor: "middle", size: 12)
        svg +=
            "<text x=\"12\" y=\"\(n(y(0.5)))\" text-anchor=\"middle\" font-size=\"12\" "
            + "transform=\"rotate(-90 12 \(n(y(0.5))))\">precision</text>\n"
        for curve in curves {
            let path = curve.points.map { "\(n(x($0.recall))),\(n(y($0.precision)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(curve.colour)\" stroke-width=\"1.5\"/>\n"
            for point in curve.points {
                svg +=
                    "<circle cx=\"\(n(x(point.recall)))\" cy=\"\(n(y(point.precision)))\" r=\"2.5\" fill=\"\(curve.colour)\"/>\n"
            }
        }
        if let start {
            svg +=
                "<circle cx=\"\(n(x(start.recall)))\" cy=\"\(n(y(start.precision)))\" r=\"6\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>\n"
        }
        if let chosen {
            svg += "<circle cx=\"\(n(x(chosen.recall)))\" cy=\"\(n(y(chosen.precision)))\" r=\"4\" fill=\"#c81e1e\"/>\n"
        }
        for (label, point, above) in [("start", start, true), ("chosen", chosen, false)] {
            guard let point else { continue }
            let same = label == "chosen" && start.map { $0 == point } == true
            guard !same else { continue }
            let alone = label == "start" && chosen.map { $0 == point } == true
            let (px, py) = (x(point.recall), y(point.precision))
            // Inside the square, clear of the axes' tick labels: to the right of the point
            // unless near the right edge, above it unless near the top.
            let anchor = px > x(0.7) ? "end" : "start"
            let below = !above || py < y(0.9)
            svg += text(
                x: px + (anchor == "end" ? -8 : 8), y: min(py + (below ? 14 : -8), y(0) - 4),
                alone ? "start = chosen" : label, anchor: anchor, size: 11)
        }
        for (index, curve) in curves.enumerated() {
            let row = top + span + 50 + 16 * Double(index)
            svg += "<rect x=\"\(n(left))\" y=\"\(n(row - 9))\" width=\"10\" height=\"10\" fill=\"\(curve.colour)\"/>\n"
            svg += text(x: left + 14, y: row, curve.name, anchor: "start", size: 11)
        }
        return svg + "</svg>\n"
    }

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    /// A coordinate with at most one decimal, so output is stable and short.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
