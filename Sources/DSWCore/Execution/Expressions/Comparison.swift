/// `== != < <= > >=` over two columns of the same type.
enum Comparison {
  static func apply(_ op: BinaryOperator, _ lhs: Column, _ rhs: Column) -> Column {
    let validity = Bitmap.both(lhs.validity, rhs.validity)
    switch (lhs.storage, rhs.storage) {
    case (.double(let left), .double(let right)):
      return Column(bools: compareArrays(op, left, right), validity: validity)
    case (.bool(let left), .bool(let right)):
      return Column(
        bools: compareArrays(op, left.map { $0 ? 1 : 0 }, right.map { $0 ? 1 : 0 } as [Int8]),
        validity: validity)
    case (.string(let leftCodes, let leftDictionary), .string(let rightCodes, let rightDictionary)):
      var result = [Bool](repeating: false, count: leftCodes.count)
      for row in 0..<leftCodes.count where leftCodes[row] >= 0 && rightCodes[row] >= 0 {
        result[row] = testStrings(
          op, leftDictionary[leftCodes[row]], rightDictionary[rightCodes[row]])
      }
      return Column(bools: result, validity: validity)
    default:
      return Column(
        bools: compareArrays(op, lhs.int64Values, rhs.int64Values), validity: validity)
    }
  }

  /// A string column against a constant: one comparison per dictionary entry.
  static func stringAgainstConstant(_ op: BinaryOperator, _ column: Column, _ constant: Value)
    -> Column
  {
    let (codes, dictionary) = column.stringCodes
    guard case .string(let text) = constant else {
      // Comparing with null: every row is null.
      return Column(
        bools: [Bool](repeating: false, count: codes.count),
        validity: Bitmap(count: codes.count, value: false))
    }
    let outcome = dictionary.strings.map { testStrings(op, $0, text) }
    var result = [Bool](repeating: false, count: codes.count)
    outcome.withUnsafeBufferPointer { table in
      codes.withUnsafeBufferPointer { codes in
        result.withUnsafeMutableBufferPointer { out in
          for row in 0..<codes.count where codes[row] >= 0 { out[row] = table[Int(codes[row])] }
        }
      }
    }
    return Column(bools: result, validity: column.validity)
  }

  /// Strings compare by code point, as SQL's binary collation does: "é" and
  /// "e\u{301}" differ, as they do in grouping, `distinct` and joins. (Swift's
  /// own `==` and `<` on String follow canonical equivalence.) UTF-8 bytes
  /// order as code points do.
  static func testStrings(_ op: BinaryOperator, _ left: String, _ right: String) -> Bool {
    switch op {
    case .equal: left.utf8.elementsEqual(right.utf8)
    case .notEqual: !left.utf8.elementsEqual(right.utf8)
    case .less: left.utf8.lexicographicallyPrecedes(right.utf8)
    case .lessEqual: !right.utf8.lexicographicallyPrecedes(left.utf8)
    case .greater: right.utf8.lexicographicallyPrecedes(left.utf8)
    case .greaterEqual: !left.utf8.lexicographicallyPrecedes(right.utf8)
    default: false
    }
  }

  @inline(__always)
  static func test<T: Comparable>(_ op: BinaryOperator, _ left: T, _ right: T) -> Bool {
    switch op {
    case .equal: left == right
    case .notEqual: left != right
    case .less: left < right
    case .lessEqual: left <= right
    case .greater: left > right
    case .greaterEqual: left >= right
    default: false
    }
  }

  private static func compareArrays<T: Comparable>(_ op: BinaryOperator, _ left: [T], _ right: [T])
    -> [Bool]
  {
    let count = left.count
    return left.withUnsafeBufferPointer { l in
      right.withUnsafeBufferPointer { r in
        [Bool](uninitializedCount: count) { out, initialized in
          switch op {
          case .equal: for row in 0..<count { out[row] = l[row] == r[row] }
          case .notEqual: for row in 0..<count { out[row] = l[row] != r[row] }
          case .less: for row in 0..<count { out[row] = l[row] < r[row] }
          case .lessEqual: for row in 0..<count { out[row] = l[row] <= r[row] }
          case .greater: for row in 0..<count { out[row] = l[row] > r[row] }
          case .greaterEqual: for row in 0..<count { out[row] = l[row] >= r[row] }
          default: for row in 0..<count { out[row] = false }
          }
          initialized = count
        }
      }
    }
  }
}
