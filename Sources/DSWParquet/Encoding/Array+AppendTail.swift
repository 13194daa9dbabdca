extension Array {
  /// Grows the array by `count` copies of `filler` and lets `body` write the
  /// new tail in place, so a page decodes straight into the column's array.
  /// If `body` throws, the tail is removed again and the array is as it was.
  @inline(__always)
  mutating func appendTail<Result>(
    _ count: Int, filledWith filler: Element,
    _ body: (UnsafeMutableBufferPointer<Element>) throws(ParquetError) -> Result
  ) throws(ParquetError) -> Result {
    guard count >= 0 else { throw ParquetError("a count of \(count) values is negative") }
    let start = self.count
    append(contentsOf: repeatElement(filler, count: count))
    let outcome: Swift.Result<Result, ParquetError> = withUnsafeMutableBufferPointer { buffer in
      let tail = UnsafeMutableBufferPointer(rebasing: buffer[start...])
      do throws(ParquetError) {
        return .success(try body(tail))
      } catch {
        return .failure(error)
      }
    }
    switch outcome {
    case .success(let value):
      return value
    case .failure(let error):
      removeLast(count)
      throw error
    }
  }
}
