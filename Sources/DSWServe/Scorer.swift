import DSWCore

/// Scores a request body with a served model and writes the JSON answer.
///
/// The answer names each column `score` adds in the plural, in row order:
/// `scores` and `deciles` for classifiers, `scores` for regression, `scores`
/// (the cluster, 1…k) and `distances` for kmeans. Deciles rank the rows of
/// the request among themselves, as `score` ranks the rows of its table.
enum Scorer {
  struct Answer {
    var body: [UInt8]
    var rowCount: Int
  }

  static func score(
    _ body: UnsafeRawBufferPointer, with served: ServedModel, maxRows: Int
  ) throws(Problem) -> Answer {
    let request = try ScoringRequest.decode(body, schema: served.schema, maxRows: maxRows)
    let columns: [(String, Column)]
    do {
      columns = try served.model.score(request.table)
    } catch {
      // The request table is built to the model's features, so this is not expected.
      throw Problem(
        status: 422, kind: "unscorable", title: "Cannot score", detail: error.message)
    }
    var body: [UInt8] = []
    body.reserveCapacity(64 + request.table.rowCount * 24 * columns.count)
    body.append(contentsOf: "{\"model\":".utf8)
    body.append(contentsOf: JSONWriter.quoted(served.name).utf8)
    body.append(contentsOf: ",\"version\":\(served.version)".utf8)
    for (name, column) in columns {
      body.append(contentsOf: ",\"\(name)s\":[".utf8)
      appendValues(column, to: &body)
      body.append(UInt8(ascii: "]"))
    }
    body.append(UInt8(ascii: "}"))
    return Answer(body: body, rowCount: request.table.rowCount)
  }

  /// Numbers in their shortest round-trip form, so a client reads back the
  /// very doubles the model computed; null for a missing or non-finite value.
  private static func appendValues(_ column: Column, to body: inout [UInt8]) {
    for row in 0..<column.count {
      if row > 0 { body.append(UInt8(ascii: ",")) }
      if column.isNull(row) {
        body.append(contentsOf: "null".utf8)
        continue
      }
      switch column.storage {
      case .double(let values):
        let value = values[row]
        body.append(contentsOf: (value.isFinite ? value.description : "null").utf8)
      case .int(let values):
        body.append(contentsOf: String(values[row]).utf8)
      default:
        body.append(
          contentsOf: JSONWriter.compact(OutputCoding.json(column.value(at: row))).utf8)
      }
    }
  }

}
