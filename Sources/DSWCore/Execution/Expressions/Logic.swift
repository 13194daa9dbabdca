/// Three-valued boolean logic over columns, as SQL defines it.
enum Logic {
  static func not(_ column: Column) -> Column {
    Column(bools: column.boolValues.map { !$0 }, validity: column.validity)
  }

  /// `false and null` is false; `true and null` is null.
  static func and(_ lhs: Column, _ rhs: Column) -> Column {
    combine(lhs, rhs, dominant: false)
  }

  /// `true or null` is true; `false or null` is null.
  static func or(_ lhs: Column, _ rhs: Column) -> Column {
    combine(lhs, rhs, dominant: true)
  }

  /// Combines with the value that decides the result regardless of the other side.
  private static func combine(_ lhs: Column, _ rhs: Column, dominant: Bool) -> Column {
    let left = lhs.boolValues
    let right = rhs.boolValues
    let count = left.count
    var result = [Bool](repeating: false, count: count)
    if lhs.validity == nil, rhs.validity == nil {
      // On the bytes (0 or 1) of the Bools: `||` and `&&` would branch.
      left.withUnsafeBytes { l in
        right.withUnsafeBytes { r in
          result.withUnsafeMutableBytes { out in
            if dominant {
              for row in 0..<count { out[row] = l[row] | r[row] }
            } else {
              for row in 0..<count { out[row] = l[row] & r[row] }
            }
          }
        }
      }
      return Column(bools: result)
    }
    var validity = Bitmap(count: count, value: true)
    for row in 0..<count {
      let leftNull = lhs.isNull(row)
      let rightNull = rhs.isNull(row)
      if (!leftNull && left[row] == dominant) || (!rightNull && right[row] == dominant) {
        result[row] = dominant
      } else if leftNull || rightNull {
        validity.clear(row)
      } else {
        result[row] = !dominant
      }
    }
    return Column(bools: result, validity: validity)
  }
}
