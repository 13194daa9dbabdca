/// The standard library's buffer accessors rethrow untyped errors; these
/// keep `ParquetError` typed through them.
extension Array {
  func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> T)
    throws(ParquetError) -> T
  {
    let result: Result<T, ParquetError> = withUnsafeBytes { bytes in
      do throws(ParquetError) { return .success(try body(bytes)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  mutating func withMutableBuffer<T>(
    _ body: (inout UnsafeMutableBufferPointer<Element>) throws(ParquetError) -> T
  ) throws(ParquetError) -> T {
    let result: Result<T, ParquetError> = withUnsafeMutableBufferPointer { buffer in
      do throws(ParquetError) { return .success(try body(&buffer)) } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}
