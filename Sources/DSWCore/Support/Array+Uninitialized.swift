extension Array {
  /// `Array(unsafeUninitializedCapacity:initializingWith:)`, except that an
  /// empty array is made without it.
  ///
  /// For a capacity of 0 the standard library hands out the one empty-array
  /// storage every empty array shares, then writes its count (0 over 0). The
  /// write is harmless, but two threads doing it at once are a data race by
  /// the book, and ThreadSanitizer reports every one. `body` still runs, with
  /// an empty buffer, so its side effects are kept.
  @inline(__always)
  init(
    uninitializedCount count: Int,
    initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void
  ) rethrows {
    guard count > 0 else {
      var empty = UnsafeMutableBufferPointer<Element>(start: nil, count: 0)
      var initialized = 0
      try body(&empty, &initialized)
      self = []
      return
    }
    try self.init(unsafeUninitializedCapacity: count, initializingWith: body)
  }
}
