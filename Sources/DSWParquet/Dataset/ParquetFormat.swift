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
    throw Diagnostic.error("L020", "not yet", at: span)
  }

  public func write(_ table: Table, options: FormatOptions, limits: ExecutionLimits)
    throws(Diagnostic) -> [UInt8]
  {
    throw Diagnostic.error("L020", "not yet", at: options.span)
  }
}
