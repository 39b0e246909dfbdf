/// The frame of a bar or line chart: title, legend and marks in bands above the plot, a value
/// axis with round ticks, grid lines and a title, and category labels spaced so none collide.
struct Frame {
    typealias Entry = (name: String, colour: String)

    let title: String
    let left = 84.0
    let right = 24.0
    let plotHeight = 260.0
    /// The legend, laid out in rows: each entry with its x.
    let legend: [[(entry: Entry, x: Double)]]
    /// The value axis: round ticks from 0 to the first one at or over the largest value.
    let ticks: [Double]
    /// Mark labels placed in rows above the plot, each with the x of its line.
    private(set) var markRows: [[(x: Double, label: String, anchor: String)]] = []

    init(title: String, legend entries: [Entry], maximum: Double) {
        self.title = title
        legend = Self.legendRows(entries, from: 84)
        ticks = Self.ticks(upTo: maximum)
    }

    var plotWidth: Double { SVGChart.width - left - right }
    private var legendTop: Double { 32 }
    private var marksTop: Double { legendTop + 20 * Double(legend.count) + 6 }
    var top: Double { marksTop + 16 * Double(markRows.count) + (markRows.isEmpty ? 4 : 10) }
    var bottom: Double { top + plotHeight }
    var totalHeight: Double { bottom + 64 }
    /// The pixels a value takes from the axis up.
    func height(_ value: Double) -> Double { value / (ticks.last ?? 1) * plotHeight }

    /// Places mark labels in the fewest rows where none overlaps another: to the right of
    /// its line, or to the left near the right edge.
    mutating func place(_ marks: [(x: Double, label: String)]) {
        for mark in marks.sorted(by: { $0.x < $1.x }) {
            let width = SVGText.width(mark.label, size: 12)
            let anchor = mark.x + 4 + width > SVGChart.width - 4 ? "end" : "start"
            let span = anchor == "start" ? (mark.x + 4)...(mark.x + 4 + width) : (mark.x - 4 - width)...(mark.x - 4)
            let row =
                markRows.firstIndex { row in
                    row.allSatisfy { other in
                        let otherWidth = SVGText.width(other.label, size: 12)
                        let otherSpan =
                            other.anchor == "start"
                            ? (other.x + 4)...(other.x + 4 + otherWidth) : (other.x - 4 - otherWidth)...(other.x - 4)
                        return !span.overlaps(otherSpan.lowerBound - 8...otherSpan.upperBound + 8)
                    }
                } ?? markRows.count
            if row == markRows.count { markRows.append([]) }
            markRows[row].append((mark.x, mark.label, anchor))
        }
    }

    func open() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(SVGChart.n(SVGChart.width)) \(SVGChart.n(totalHeight))\" "
            + "width=\"\(SVGChart.n(SVGChart.width))\" height=\"\(SVGChart.n(totalHeight))\" role=\"img\" aria-label=\"\(Escaping.html(title))\">\n"
            + "<title>\(Escaping.html(title))</title>\n"
            + SVGChart.text(x: SVGChart.width / 2, y: 18, title, anchor: "middle", size: 15)
            + Self.drawLegend(legend, top: legendTop)
    }

    /// Grid lines and labels at the ticks, the axis lines, and the axis title turned upright.
    func valueAxis(title: String) -> String {
        var svg = ""
        for tick in ticks {
            let y = bottom - height(tick)
            svg += SVGChart.line(left, y, left + plotWidth, y, colour: tick == 0 ? "#888" : "#e4e4e4")
            svg += SVGChart.text(
                x: left - 8, y: y + 4, NumberText.grouped(Int64(tick.rounded())), anchor: "end", size: 12)
        }
        svg += SVGChart.line(left, top, left, bottom, colour: "#888")
        let middle = (top + bottom) / 2
        return svg
            + "<text x=\"18\" y=\"\(SVGChart.n(middle))\" text-anchor=\"middle\" font-size=\"13\" "
            + "transform=\"rotate(-90 18 \(SVGChart.n(middle)))\">\(Escaping.html(title))</text>\n"
    }

    /// Category labels under the steps, every k-th so that none collides, and the axis title.
    func categoryAxis(_ labels: [String], step: Double, title: String) -> String {
        let widest = labels.map { SVGText.width($0, size: 12) }.max() ?? 0
        let every = max(1, Int(((widest + 14) / step).rounded(.up)))
        var svg = ""
        for index in labels.indices where index % every == 0 {
            let x = left + (Double(index) + 0.5) * step
            svg += SVGChart.line(x, bottom, x, bottom + 4, colour: "#888")
            svg += SVGChart.text(x: x, y: bottom + 18, labels[index], anchor: "middle", size: 12)
        }
        return svg + SVGChart.text(x: left + plotWidth / 2, y: bottom + 44, title, anchor: "middle", size: 13)
    }

    /// The marks: a dashed line from each label's row down through the plot.
    func marks() -> String {
        var svg = ""
        for (row, marks) in markRows.enumerated() {
            let y = marksTop + 16 * Double(row) + 12
            for mark in marks {
                svg += SVGChart.line(mark.x, y + 3, mark.x, bottom, colour: "#555", dashed: true)
                svg += SVGChart.text(
                    x: mark.x + (mark.anchor == "start" ? 4 : -4), y: y, mark.label, anchor: mark.anchor, size: 12)
            }
        }
        return svg
    }

    /// Round ticks: steps of 1, 2, 2.5 or 5 times a power of ten, five or so up to the maximum;
    /// whole numbers (the labels are), so a step of at least 1.
    static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let rough = max(maximum / 5, 1)
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        return (0...max(Int((maximum / step).rounded(.up)), 1)).map { Double($0) * step }
    }

    /// Legend entries in rows that fit the chart's width, starting at `x`.
    static func legendRows(_ entries: [Entry], from x: Double) -> [[(entry: Entry, x: Double)]] {
        var rows: [[(entry: Entry, x: Double)]] = [[]]
        var offset = x
        for entry in entries {
            let width = 18 + SVGText.width(entry.name, size: 13) + 22
            if offset + width > SVGChart.width - 10, !(rows.last?.isEmpty ?? true) {
                rows.append([])
                offset = x
            }
            rows[rows.count - 1].append((entry, offset))
            offset += width
        }
        return rows.filter { !$0.isEmpty }
    }

    static func drawLegend(_ rows: [[(entry: Entry, x: Double)]], top: Double) -> String {
        var svg = ""
        for (row, entries) in rows.enumerated() {
            let y = top + 20 * Double(row) + 12
            for (entry, x) in entries {
                svg +=
                    "<rect x=\"\(SVGChart.n(x))\" y=\"\(SVGChart.n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(entry.colour)\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
                svg += SVGChart.text(x: x + 18, y: y, entry.name, anchor: "start", size: 13)
            }
        }
        return svg
    }
}

/// Text measured for layout, and the boxes of an SVG's labels, so that tests can check that
/// no two overlap.
public enum SVGText {
    /// The width of a text at a font size: 0.62 em a character, over the average of the sans
    /// fonts browsers pick for digits and lower case, and 1 em for a Chinese character.
    public static func width(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 1 : 0.62) } * size
    }

    /// A label's box in the drawing's coordinates.
    public struct Box: Sendable, Equatable {
        public var minX, minY, maxX, maxY: Double
        public var text: String

        public func overlaps(_ other: Box) -> Bool {
            minX < other.maxX - 0.5 && other.minX < maxX - 0.5 && minY < other.maxY - 0.5 && other.minY < maxY - 0.5
        }
    }

    /// The boxes of every `<text>` that is not turned (rotated labels stand apart by design),
    /// from its position, anchor and font size.
    public static func boxes(in svg: String) -> [Box] {
        var boxes: [Box] = []
        var rest = Substring(svg)
        while let start = rest.range(of: "<text ") {
            guard let close = rest[start.upperBound...].range(of: ">"),
                let end = rest[close.upperBound...].range(of: "</text>")
            else { break }
            let tag = rest[start.upperBound..<close.lowerBound]
            let content = String(rest[close.upperBound..<end.lowerBound])
                .replacing("&amp;", with: "&").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
                .replacing("&quot;", with: "\"").replacing("&#39;", with: "'")
            rest = rest[end.upperBound...]
            guard !tag.contains("transform="), let x = number("x", tag), let y = number("y", tag),
                let size = number("font-size", tag)
            else { continue }
            let width = self.width(content, size: size)
            let anchor = attribute("text-anchor", tag) ?? "start"
            let minX = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
            boxes.append(Box(minX: minX, minY: y - size * 0.8, maxX: minX + width, maxY: y + size * 0.2, text: content))
        }
        return boxes
    }

    /// The boxes of the data a chart draws: every `<rect>` with a tip (`<title>`), but the
    /// grey bands that shade steps, and every point of a line, as `text` the tip.
    public static func data(in svg: String) -> [Box] {
        var boxes: [Box] = []
        var lines = Substring(svg)
        while let start = lines.range(of: "<polyline points=\"") {
            let points = lines[start.upperBound...].prefix { $0 != "\"" }
            lines = lines[start.upperBound...]
            for point in points.split(separator: " ") {
                let xy = point.split(separator: ",").compactMap { Double($0) }
                guard xy.count == 2 else { continue }
                boxes.append(Box(minX: xy[0] - 1, minY: xy[1] - 1, maxX: xy[0] + 1, maxY: xy[1] + 1, text: "a line"))
            }
        }
        var rest = Substring(svg)
        while let start = rest.range(of: "<rect ") {
            guard let close = rest[start.upperBound...].range(of: ">") else { break }
            let tag = rest[start.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            guard rest.hasPrefix("<title>"), attribute("fill", tag) != "#e8e8e8", let x = number("x", tag),
                let y = number("y", tag), let width = number("width", tag), let height = number("height", tag)
            else { continue }
            let tip = rest.dropFirst(7).prefix { $0 != "<" }
            boxes.append(Box(minX: x, minY: y, maxX: x + width, maxY: y + height, text: String(tip)))
        }
        return boxes
    }

    private static func attribute(_ name: String, _ tag: Substring) -> String? {
        guard
            let start = tag.range(of: " \(name)=\"")
                ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil),
            let end = tag[start.upperBound...].firstIndex(of: "\"")
        else { return nil }
        return String(tag[start.upperBound..<end])
    }

    private static func number(_ name: String, _ tag: Substring) -> Double? {
        attribute(name, tag).flatMap(Double.init)
    }
}
