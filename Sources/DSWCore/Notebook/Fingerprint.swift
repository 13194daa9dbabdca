import Foundation

/// The fingerprint of a cell's outputs: `sha256:` and a hex digest.
///
/// It hashes the outputs' canonical JSON (the notebook writer's bytes) with
/// every double rounded to 9 significant digits, so the same notebook on the
/// same data gives the same fingerprint whatever the thread timing or the
/// order of floating-point additions. Durations, memory figures and run counts
/// live in `Execution`, not in outputs, so they never reach the hash.
public enum Fingerprint {
  /// The fingerprint of `outputs`, such as `sha256:9f86d0…`.
  public static func of(_ outputs: [CellOutput]) -> String {
    let canonical = rounded(.array(outputs.map { OutputCoding.json(steady($0)) }))
    return "sha256:" + SHA256.hexDigest(JSONWriter.bytes(canonical))
  }

  /// `output` without the values of its volatile columns (durations), so a
  /// table that shows them, such as `runs`, fingerprints the same each run.
  static func steady(_ output: CellOutput) -> CellOutput {
    guard case .table(var table) = output, !table.volatile.isEmpty else { return output }
    let blanked = Set(table.volatile.compactMap { table.columns.firstIndex(of: $0) })
    table.rows = table.rows.map { row in
      row.enumerated().map { blanked.contains($0.offset) ? .null : $0.element }
    }
    return .table(table)
  }

  /// `value` with every double rounded to 9 significant digits.
  static func rounded(_ value: JSONValue) -> JSONValue {
    switch value {
    case .double(let number): .double(roundedToNineDigits(number))
    case .array(let items): .array(items.map(rounded))
    case .object(let members): .object(members.mapValues(rounded))
    default: value
    }
  }

  static func roundedToNineDigits(_ number: Double) -> Double {
    guard number.isFinite, number != 0 else { return number == 0 ? 0 : number }
    return Double(String(format: "%.9g", number)) ?? number
  }
}
