import Foundation

/// `correlate`: the Pearson correlation matrix of numeric columns.
enum Correlation {
  /// `span` is the dataset's name, where an error without named columns points.
  static func matrix(_ table: Table, columns names: [Name], span: SourceSpan) throws(Diagnostic)
    -> TableOutput
  {
    var indexes: [Int] = []
    if names.isEmpty {
      indexes = table.columns.indices.filter { table.columns[$0].type.isNumeric }
    } else {
      for name in names {
        guard let index = table.index(of: name.text) else {
          throw UnknownName.column(name.text, span: name.span, among: table.names)
        }
        guard table.columns[index].type.isNumeric || table.columns[index].type == .bool else {
          throw Diagnostic.error(
            "E207",
            "`correlate` needs numeric columns, but `\(name.text)` is `\(table.columns[index].type.rawValue)`",
            at: name.span)
        }
        indexes.append(index)
      }
    }
    guard indexes.count >= 2 else {
      throw Diagnostic.error(
        "E223",
        names.isEmpty
          ? "`correlate` needs at least two numeric columns; this dataset has \(indexes.count)"
          : "`correlate` needs at least two columns; \(indexes.count) given",
        at: names.first?.span ?? span)
    }
    let values = indexes.map { table.columns[$0].numericAsDoubles }
    let columns = indexes.map { table.columns[$0] }
    var rows: [[Value]] = []
    for (i, name) in indexes.enumerated() {
      var row: [Value] = [.string(table.names[name])]
      for j in indexes.indices {
        row.append(i == j ? .double(1) : pearson(values[i], values[j], columns[i], columns[j]))
      }
      rows.append(row)
    }
    return TableOutput(
      columns: ["column"] + indexes.map { table.names[$0] },
      types: [.string] + Array(repeating: .double, count: indexes.count), rows: rows,
      totalRows: rows.count, heat: true)
  }

  static func pearson(_ x: [Double], _ y: [Double], _ cx: Column, _ cy: Column) -> Value {
    var count = 0.0
    var sumX = 0.0
    var sumY = 0.0
    let both = Bitmap.both(cx.validity, cy.validity)
    for row in 0..<x.count where both.map({ $0[row] }) ?? true {
      count += 1
      sumX += x[row]
      sumY += y[row]
    }
    guard count >= 2 else { return .null }
    let meanX = sumX / count
    let meanY = sumY / count
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0
    for row in 0..<x.count where both.map({ $0[row] }) ?? true {
      let dx = x[row] - meanX
      let dy = y[row] - meanY
      sxx += dx * dx
      syy += dy * dy
      sxy += dx * dy
    }
    let denominator = (sxx * syy).squareRoot()
    return denominator > 0 ? .double((sxy / denominator * 1e6).rounded() / 1e6) : .null
  }
}
