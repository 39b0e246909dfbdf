/// Inline SVG charts for `report.html` and `tuning.html`, drawn for reading: they fill the
/// page's width (`class="chart"`), the value axis has ticks at round numbers with grid lines
/// and a title with its unit, legends and marks sit in a band above the data, and no two
/// labels overlap (`SVGText.boxes` lets a test check it). No script, no external resource.
public enum SVGChart {
    public static let colours = ["yellow": "#e0b100", "orange": "#e8730c", "red": "#c81e1e"]

    /// The drawing width; the page scales it to its own.
    static let width = 1000.0

    /// A dated mark over a bar or line chart: a dashed line at a fractional step, and its label.
    public struct Mark: Sendable {
        public var at: Double
        public var label: String

        public init(at: Double, label: String) {
            self.at = at
            self.label = label
        }
    }

    /// Stacked bars, one per label, one segment per series (in order, bottom first). `shaded`
    /// steps get a grey background, explained by `shadedMeaning` in the legend; `marks` are
    /// drawn as dashed lines with their labels in rows above the data.
    public static func stackedBars(
        labels: [String], series: [(name: String, colour: String, values: [Int])], title: String,
        valueTitle: String, labelTitle: String, marks: [Mark] = [], shaded: [Bool] = [],
        shadedMeaning: String? = nil
    ) -> String {
        let totals = labels.indices.map { index in series.reduce(0) { $0 + $1.values[index] } }
        var legend = series.map { (name: $0.name, colour: $0.colour) }
        if shaded.contains(true), let shadedMeaning { legend.append((shadedMeaning, "#e8e8e8")) }
        var frame = Frame(title: title, legend: legend, maximum: Double(totals.max() ?? 0))
        let step = frame.plotWidth / Double(max(labels.count, 1))
        frame.place(marks.map { (frame.left + $0.at * step, $0.label) })
        var svg = frame.open()
        for (index, isShaded) in shaded.enumerated() where isShaded && index < labels.count {
            svg += rect(
                x: frame.left + Double(index) * step, y: frame.top, width: step, height: frame.plotHeight,
                fill: "#e8e8e8", tip: "\(labels[index]): \(shadedMeaning ?? "")")
        }
        svg += frame.valueAxis(title: valueTitle)
        for index in labels.indices {
            var y = frame.bottom
            let x = frame.left + Double(index) * step
            for entry in series where entry.values[index] > 0 {
                let h = frame.height(Double(entry.values[index]))
                y -= h
                svg += rect(
                    x: x + 1, y: y, width: max(step - 2, 1), height: h, fill: entry.colour,
                    tip: "\(labels[index]): \(entry.values[index]) \(entry.name)")
            }
        }
        svg += frame.categoryAxis(labels, step: step, title: labelTitle)
        return svg + frame.marks() + "</svg>\n"
    }

    /// Lines over labelled steps (months), one per series, from zero up.
    public static func lines(
        labels: [String], series: [(name: String, colour: String, values: [Double])], title: String,
        valueTitle: String, labelTitle: String, marks: [Mark] = []
    ) -> String {
        var frame = Frame(
            title: title, legend: series.map { (name: $0.name, colour: $0.colour) },
            maximum: series.flatMap(\.values).max() ?? 0)
        let step = frame.plotWidth / Double(max(labels.count, 1))
        frame.place(marks.map { (frame.left + $0.at * step, $0.label) })
        func x(_ index: Int) -> Double { frame.left + (Double(index) + 0.5) * step }
        var svg = frame.open() + frame.valueAxis(title: valueTitle)
        for entry in series where entry.values.count > 1 {
            let points = entry.values.enumerated().map {
                "\(n(x($0.offset))),\(n(frame.bottom - frame.height($0.element)))"
            }
            svg +=
                "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(entry.colour)\" "
                + "stroke-width=\"2.5\"><title>\(Escaping.html(entry.name))</title></polyline>\n"
        }
        svg += frame.categoryAxis(labels, step: step, title: labelTitle)
        return svg + frame.marks() + "</svg>\n"
    }

    /// Horizontal bars, one row per label, one bar per series side by side, values in 0...1,
    /// each with its percentage and, when given, its note (the counts behind it).
    public static func shareBars(
        labels: [String], series: [(name: String, colour: String, values: [Double?], notes: [String])],
        title: String
    ) -> String {
        let bar = 18.0
        let rowHeight = bar * Double(series.count) + 10
        let left = 20 + (labels.map { SVGText.width($0, size: 13) }.max() ?? 40)
        let legend = Frame.legendRows(series.map { (name: $0.name, colour: $0.colour) }, from: left)
        let top = 34 + 20 * Double(legend.count)
        let noteRoom = 20 + (series.flatMap(\.notes).map { SVGText.width("100% " + $0, size: 12) }.max() ?? 40)
        let span = width - left - noteRoom
        let height = top + rowHeight * Double(labels.count) + 30
        var svg = open(height: height, title: title) + text(x: width / 2, y: 18, title, anchor: "middle", size: 15)
        svg += Frame.drawLegend(legend, top: 30)
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = left + span * tick
            svg += line(x, top - 4, x, height - 26, colour: "#ddd")
            svg += text(x: x, y: height - 10, percent(tick), anchor: "middle", size: 12)
        }
        for (row, label) in labels.enumerated() {
            let y = top + Double(row) * rowHeight
            svg += text(x: left - 8, y: y + bar * Double(series.count) / 2 + 5, label, anchor: "end", size: 13)
            for (index, entry) in series.enumerated() {
                let value = entry.values[row] ?? 0
                let barY = y + Double(index) * bar
                let note = row < entry.notes.count ? entry.notes[row] : ""
                svg += rect(
                    x: left, y: barY, width: max(span * value, 0.5), height: bar - 3, fill: entry.colour,
                    tip: "\(label) \(entry.name): \(percent(entry.values[row])) \(note)")
                svg += text(
                    x: left + span * value + 5, y: barY + 12,
                    percent(entry.values[row]) + (note.isEmpty ? "" : " " + note),
                    anchor: "start", size: 12)
            }
        }
        return svg + "</svg>\n"
    }

    /// A grid of cells with the count in each, shaded by the share of its row's total, and a
    /// scale that says what the shades mean.
    public static func heatMap(
        rows: [String], columns: [String], shares: [[Double]], counts: [[Int]], title: String, scale: String
    ) -> String {
        let cell = min(34.0, (width - 260) / Double(max(columns.count, 1)))
        let left = 20 + (rows.map { SVGText.width($0, size: 13) }.max() ?? 60)
        let top = 80.0
        let height = top + cell * Double(rows.count) + 70
        var svg = open(height: height, title: title) + text(x: width / 2, y: 18, title, anchor: "middle", size: 15)
        for (column, name) in columns.enumerated() {
            let x = left + cell * (Double(column) + 0.5)
            svg +=
                "<text x=\"\(n(x))\" y=\"\(n(top - 8))\" text-anchor=\"start\" font-size=\"12\" "
                + "transform=\"rotate(-45 \(n(x)) \(n(top - 8)))\">\(Escaping.html(name))</text>\n"
        }
        for (row, name) in rows.enumerated() {
            let y = top + cell * Double(row)
            svg += text(x: left - 8, y: y + cell * 0.65, name, anchor: "end", size: 13)
            for column in columns.indices {
                svg += rect(
                    x: left + cell * Double(column), y: y, width: cell - 1, height: cell - 1,
                    fill: shade(shares[row][column]), tip: "\(name) × \(columns[column]): \(counts[row][column]) cases")
                if counts[row][column] > 0 {
                    svg += text(
                        x: left + cell * (Double(column) + 0.5), y: y + cell * 0.65, "\(counts[row][column])",
                        anchor: "middle", size: 12)
                }
            }
        }
        let scaleTop = top + cell * Double(rows.count) + 24
        svg += text(x: left, y: scaleTop + 12, scale, anchor: "start", size: 12)
        let scaleLeft = left + SVGText.width(scale, size: 12) + 16
        for (index, share) in stride(from: 0.0, through: 1.0, by: 0.25).enumerated() {
            let x = scaleLeft + Double(index) * 60
            svg += rect(x: x, y: scaleTop, width: 56, height: 16, fill: shade(share), tip: percent(share))
            svg += text(x: x + 28, y: scaleTop + 32, percent(share), anchor: "middle", size: 12)
        }
        return svg + "</svg>\n"
    }

    static func shade(_ share: Double) -> String {
        let level = Int(255 - 190 * min(max(share, 0), 1))
        return "rgb(\(level),\(level),255)"
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

    private static func open(height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(Escaping.html(title))\">\n"
            + "<title>\(Escaping.html(title))</title>\n"
    }

    /// The square charts of the tuning page keep their own size.
    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(Escaping.html(title))\">\n"
            + "<title>\(Escaping.html(title))</title>\n"
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tip: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\">"
            + "<title>\(Escaping.html(tip))</title></rect>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String, dashed: Bool = false)
        -> String
    {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(colour)\""
            + (dashed ? " stroke-dasharray=\"5 4\"" : "") + "/>\n"
    }

    static func text(x: Double, y: Double, _ content: String, anchor: String, size: Int) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">"
            + "\(Escaping.html(content))</text>\n"
    }

    static func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

    /// A coordinate with at most one decimal, so output is stable and short.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
