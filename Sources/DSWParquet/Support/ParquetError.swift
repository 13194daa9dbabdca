/// What is wrong with a Parquet file's bytes, before it is placed in a file
/// and a column.
///
/// The decoders below the reader throw this; the reader turns it into an `L`
/// diagnostic that names the file and the column.
public struct ParquetError: Error, Equatable, Sendable {
  public var message: String

  public init(_ message: String) { self.message = message }

  /// The user pressed Ctrl-C while a file was being read.
  public static let interrupted = ParquetError("interrupted")
}
