extension Optional {
  /// The value of a required Thrift field, or an error naming the struct and
  /// field that lack it, so a broken footer says what is missing.
  func required(_ field: String, in structName: String) throws(ParquetError) -> Wrapped {
    guard let value = self else {
      throw ParquetError("\(structName) is missing the required field \(field)")
    }
    return value
  }
}
