import Foundation

/// `+ - * / // %` over numeric columns.
///
/// `/` always gives a double; `//` floors and `%` is the matching remainder
/// (it takes the divisor's sign); division by zero gives null; integer
/// overflow is an error, never a trap.
enum Arithmetic {
  static func overflow(_ span: SourceSpan) -> Diagnostic {
    Diagnostic.error(
      "E301", "integer overflow", at: span,
      help: "cast an operand to double: `cast(x, \"double\")`")
  }

  static func apply(
    _ op: BinaryOperator, _ lhs: Column, _ rhs: Column, resultType: DataType, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let validity = Bitmap.both(lhs.validity, rhs.validity)
    let count = max(lhs.count, rhs.count)
    if op == .concatenate {
      // `a || b`: null where either is; the column's initializer nulls the codes there.
      let joined = StringKernels.concat([lhs, rhs], rowCount: count)
      return Column(storage: joined.storage, validity: validity)
    }
    if resultType == .int, lhs.type != .double, rhs.type != .double {
      return try integer(op, lhs.int64Values, rhs.int64Values, validity, count, span)
    }
    if op == .add || op == .subtract || op == .multiply, resultType == .double,
      let result = fusedDoubles(op, lhs, rhs, count: count)
    {
      return Column(doubles: result, validity: validity)
    }
    let left = lhs.numericAsDoubles
    let right = rhs.numericAsDoubles
    var result = [Double](repeating: 0, count: count)
    var nulls: Bitmap? = validity
    switch op {
    case .add: for row in 0..<count { result[row] = left[row] + right[row] }
    case .subtract: for row in 0..<count { result[row] = left[row] - right[row] }
    case .multiply: for row in 0..<count { result[row] = left[row] * right[row] }
    case .divide, .modulo, .integerDivide:
      for row in 0..<count {
        if right[row] == 0 {
          if nulls == nil { nulls = Bitmap(count: count, value: true) }
          nulls?.clear(row)
        } else {
          switch op {
          case .divide: result[row] = left[row] / right[row]
          case .modulo: result[row] = flooredRemainder(left[row], right[row])
          default: result[row] = (left[row] / right[row]).rounded(.down)
          }
        }
      }
    default: break
    }
    if resultType == .int {
      // `//` on doubles: the floored quotient as an int.
      var ints = [Int64](repeating: 0, count: count)
      for row in 0..<count where !(nulls.map { !$0[row] } ?? false) {
        guard let exact = Int64(exactly: result[row]) else { throw overflow(span) }
        ints[row] = exact
      }
      return Column(ints: ints, validity: nulls)
    }
    return Column(doubles: result, validity: nulls)
  }

  /// `+ - *` on doubles, an int operand converted as it is read rather than
  /// into an array of its own first; nil for other operand types.
  private static func fusedDoubles(_ op: BinaryOperator, _ lhs: Column, _ rhs: Column, count: Int)
    -> [Double]?
  {
    switch (lhs.storage, rhs.storage) {
    case (.double(let left), .double(let right)):
      return combine(op, left, right, count: count, { $0 }, { $0 })
    case (.double(let left), .int(let right)):
      return combine(op, left, right, count: count, { $0 }, { Double($0) })
    case (.int(let left), .double(let right)):
      return combine(op, left, right, count: count, { Double($0) }, { $0 })
    default:
      return nil
    }
  }

  @inline(__always)
  private static func combine<Left, Right>(
    _ op: BinaryOperator, _ left: [Left], _ right: [Right], count: Int,
    _ leftValue: (Left) -> Double, _ rightValue: (Right) -> Double
  ) -> [Double] {
    [Double](uninitializedCount: count) { out, initialized in
      left.withUnsafeBufferPointer { l in
        right.withUnsafeBufferPointer { r in
          switch op {
          case .add: for row in 0..<count { out[row] = leftValue(l[row]) + rightValue(r[row]) }
          case .subtract:
            for row in 0..<count { out[row] = leftValue(l[row]) - rightValue(r[row]) }
          default: for row in 0..<count { out[row] = leftValue(l[row]) * rightValue(r[row]) }
          }
        }
      }
      initialized = count
    }
  }

  /// `a % b` to match `//`, which floors: `a == (a // b) * b + a % b`.
  static func flooredRemainder(_ left: Double, _ right: Double) -> Double {
    let remainder = fmod(left, right)
    if remainder == 0 { return 0 }
    return (remainder < 0) != (right < 0) ? remainder + right : remainder
  }

  private static func integer(
    _ op: BinaryOperator, _ left: [Int64], _ right: [Int64], _ validity: Bitmap?, _ count: Int,
    _ span: SourceSpan
  ) throws(Diagnostic) -> Column {
    var result = [Int64](repeating: 0, count: count)
    var nulls = validity
    func isValid(_ row: Int) -> Bool { nulls.map { $0[row] } ?? true }
    switch op {
    case .add, .subtract, .multiply:
      var overflowed = false
      left.withUnsafeBufferPointer { l in
        right.withUnsafeBufferPointer { r in
          result.withUnsafeMutableBufferPointer { out in
            for row in 0..<count {
              let (value, overflow) =
                op == .add
                ? l[row].addingReportingOverflow(r[row])
                : op == .subtract
                  ? l[row].subtractingReportingOverflow(r[row])
                  : l[row].multipliedReportingOverflow(by: r[row])
              out[row] = value
              if overflow { overflowed = true }
            }
          }
        }
      }
      if overflowed {
        // Overflow in a null row's zero payload cannot happen; check validity anyway.
        for row in 0..<count where isValid(row) {
          let (_, didOverflow) =
            op == .add
            ? left[row].addingReportingOverflow(right[row])
            : op == .subtract
              ? left[row].subtractingReportingOverflow(right[row])
              : left[row].multipliedReportingOverflow(by: right[row])
          if didOverflow { throw Arithmetic.overflow(span) }
        }
      }
    case .integerDivide, .modulo:
      for row in 0..<count {
        if right[row] == 0 {
          if nulls == nil { nulls = Bitmap(count: count, value: true) }
          nulls?.clear(row)
          continue
        }
        if left[row] == .min, right[row] == -1 {
          // The quotient overflows; the remainder is simply 0.
          if op == .integerDivide, isValid(row) { throw overflow(span) }
          continue
        }
        if op == .modulo {
          // The remainder of the floored quotient: it takes the divisor's sign.
          let remainder = left[row] % right[row]
          result[row] =
            remainder != 0 && (remainder < 0) != (right[row] < 0)
            ? remainder + right[row] : remainder
        } else {
          let quotient = left[row] / right[row]
          let floors = (left[row] % right[row] != 0) && ((left[row] < 0) != (right[row] < 0))
          result[row] = floors ? quotient - 1 : quotient
        }
      }
    default: break
    }
    return Column(ints: result, validity: nulls)
  }
}
