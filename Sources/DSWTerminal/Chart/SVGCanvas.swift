import Foundation

/// SVG elements written as text, with coordinates rounded to a tenth of a
/// pixel so the output is small and stable for golden files.
struct SVGCanvas {
  private var elements: [String] = []

  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = String(format: "%.1f", value)
    if text.hasSuffix(".0") { text.removeLast(2) }
    if text == "-0" { text = "0" }
    return text
  }

  mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    weight: String? = nil, fill: String = SVGChart.ink, rotate: Bool = false
  ) {
    var attributes =
      "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\""
      + " fill=\"\(fill)\""
    if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if rotate { attributes += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
    elements.append("<text \(attributes)>\(XMLText.escape(SafeText.escape(text)))</text>")
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil
  ) {
    let shape =
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\""
      + " height=\"\(Self.number(max(0, height)))\" fill=\"\(fill)\""
    if let title {
      elements.append(shape + "><title>\(XMLText.escape(SafeText.escape(title)))</title></rect>")
    } else {
      elements.append(shape + "/>")
    }
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1
  ) {
    elements.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\""
        + " y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"/>"
    )
  }

  mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String) {
    let list = points.map { Self.number($0.x) + "," + Self.number($0.y) }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\""
        + " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
    elements.append(
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\""
        + " fill=\"\(fill)\" fill-opacity=\"0.7\"/>")
  }

  mutating func raw(_ element: String) { elements.append(element) }

  func document(width: Double, height: Double) -> String {
    let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size)"
      + " viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\""
      + " font-family=\"\(SVGChart.fontFamily)\">\n"
      + "<rect x=\"0\" y=\"0\" \(size) fill=\"#ffffff\"/>\n"
      + elements.joined(separator: "\n") + "\n</svg>\n"
  }
}
