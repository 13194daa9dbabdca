extension ParquetError {
  /// Refuses a negative size or count, which would otherwise become a trap or
  /// a huge allocation further down.
  static func checkNotNegative<Value: BinaryInteger>(
    _ value: Value, _ field: String, in structName: String
  ) throws(ParquetError) {
    guard value >= 0 else {
      throw ParquetError("\(structName) has a negative \(field) of \(value)")
    }
  }
}
