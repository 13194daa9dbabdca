import DSWCore

/// Parquet as a format of `load` and `export`.
public struct ParquetFormat: ExternalFormat {
  public init() {}

  public var name: String { "parquet" }
  public var extensions: [String] { [".parquet", ".parq", ".pq"] }
  public var exportOptions: [String] { ["compression", "row_group_rows"] }

  public func open(
    _ files: [ExternalFile], columns: [String]?, access: any FileAccess,
    limits: ExecutionLimits, span: SourceSpan
  ) throws(Diagnostic) -> any ExternalTable {
    var opened: [ParquetFile] = []
    for file in files {
      try limits.poll()
      let parsed = try access.withContents(of: file.path, span: span) {
        (bytes) throws(Diagnostic) -> ParquetFile in
        do throws(ParquetError) {
          return try ParquetFile(file, footer: bytes)
        } catch {
          throw Diagnostic.error(
            "L020", "cannot read \(file.displayPath) as Parquet: \(error.message)", at: span)
        }
      }
      opened.append(parsed)
    }
    return try ParquetDataset(files: opened, access: access, columns: columns, span: span)
  }

  public func write(_ table: Table, options: FormatOptions, limits: ExecutionLimits)
    throws(Diagnostic) -> [UInt8]
  {
    var writer = ParquetWriter()
    if let value = options.values["compression"] {
      let names = CompressionCodec.writable.keys.sorted()
      guard case .string(let name) = value, let codec = CompressionCodec.writable[name] else {
        throw Diagnostic.error(
          "E232",
          "`compression` must be one of " + names.map { "\"\($0)\"" }.joined(separator: ", "),
          at: options.span(of: "compression"))
      }
      writer.codec = codec
    }
    if let value = options.values["row_group_rows"] {
      guard case .int(let rows) = value, (1...100_000_000).contains(rows) else {
        throw Diagnostic.error(
          "E232", "`row_group_rows` must be a whole number from 1 to 100,000,000",
          at: options.span(of: "row_group_rows"))
      }
      writer.rowGroupRows = Int(rows)
    }
    // Encoded pages, and the file they make, take about as much as the columns.
    try limits.admit(
      table.columns.reduce(0) { $0 + $1.memoryBytes } * 2,
      for: "writing \(table.rowCount.formatted) rows as Parquet needs", at: options.span)
    do throws(ParquetError) {
      return try writer.write(table, isCancelled: limits.isCancelled)
    } catch {
      if error.message == "interrupted" { throw Diagnostic.interrupted }
      throw Diagnostic.error("E301", "cannot write Parquet: \(error.message)", at: options.span)
    }
  }
}
