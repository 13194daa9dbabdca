/// Whether a schema field must appear, may be null, or repeats: Parquet's
/// `FieldRepetitionType`, by its Thrift number.
public enum Repetition: Int32, Sendable, CaseIterable {
  case required = 0
  case optional = 1
  case repeated = 2

  /// The repetition of a Thrift number; an unknown one is an error, since
  /// the definition and repetition levels of every column below depend on it.
  static func decode(_ raw: Int32) throws(ParquetError) -> Repetition {
    guard let repetition = Repetition(rawValue: raw) else {
      throw ParquetError("unknown repetition type \(raw)")
    }
    return repetition
  }
}
