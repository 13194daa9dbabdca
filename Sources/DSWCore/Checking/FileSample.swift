/// A loaded file's schema from its header and first rows, without reading
/// the rest: the readers' own inference over a sample of the bytes.
enum FileSample {
  /// How much of a file the sample reads.
  static let byteLimit = 64 * 1024

  /// The schema of the sample, or why it cannot be told.
  static func schema(_ bytes: UnsafeRawBufferPointer, format: String, csv: CSVOptions)
    -> Result<Schema, Diagnostic>
  {
    var sample = Array(bytes.prefix(byteLimit))
    if bytes.count > byteLimit {
      // A JSON array cannot be cut; lines (CSV rows, JSON lines) can.
      guard format != "json" || sample.first(where: { !isSpace($0) }) != UInt8(ascii: "[") else {
        return .failure(
          Diagnostic.error(
            "C001", "it is a JSON array larger than the sample of \(byteLimit) bytes"))
      }
      guard let lastNewline = sample.lastIndex(of: UInt8(ascii: "\n")) else {
        return .failure(Diagnostic.error("C001", "its first line is longer than the sample"))
      }
      sample.removeSubrange((lastNewline + 1)...)
    }
    return Result { () throws(Diagnostic) -> Schema in
      if format == "json" || format == "jsonl" {
        return Schema(of: try JSONDataReader.read(sample))
      }
      var options = csv
      // Rows the sample cut short or that fail later are the run's business.
      options.onError = .skip
      return Schema(of: try CSVReader.read(sample, options: options).table)
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
