import Foundation

/// Math functions. A result that is not a real number (the square root or
/// log of a negative) is null.
enum MathKernels {
  static func apply(
    _ function: ScalarFunction, _ columns: [Column], resultType: DataType, span: SourceSpan
  ) throws(Diagnostic) -> Column {
    let input = columns[0]
    if resultType == .int {
      let values = input.int64Values
      switch function {
      case .abs:
        var result = [Int64](repeating: 0, count: values.count)
        for row in 0..<values.count {
          if values[row] == .min, !input.isNull(row) { throw Arithmetic.overflow(span) }
          result[row] = values[row] == .min ? 0 : Swift.abs(values[row])
        }
        return Column(ints: result, validity: input.validity)
      case .round where columns.count == 2:
        let digits = columns[1].int64Values
        var result = values
        for row in 0..<values.count where digits[row] < 0 {
          // An int has at most 19 digits: rounding away more leaves zero.
          guard digits[row] > -19 else {
            result[row] = 0
            continue
          }
          // In integers, half away from zero, so that no digit is lost past 2^53.
          var scale: Int64 = 1
          for _ in 0..<Int(-digits[row]) { scale *= 10 }
          let value = values[row]
          let remainder = value % scale
          let down = value - remainder
          let magnitude = remainder.magnitude
          guard magnitude * 2 >= UInt64(scale) else {
            result[row] = down
            continue
          }
          let (rounded, overflow) = down.addingReportingOverflow(value < 0 ? -scale : scale)
          if overflow, !input.isNull(row), !columns[1].isNull(row) {
            throw Arithmetic.overflow(span)
          }
          result[row] = rounded
        }
        return Column(ints: result, validity: Bitmap.both(input.validity, columns[1].validity))
      default:
        return input
      }
    }
    let values = input.numericAsDoubles
    var validity = input.validity
    var result = [Double](repeating: 0, count: values.count)
    switch function {
    case .abs: for row in 0..<values.count { result[row] = Swift.abs(values[row]) }
    case .floor: for row in 0..<values.count { result[row] = values[row].rounded(.down) }
    case .ceil: for row in 0..<values.count { result[row] = values[row].rounded(.up) }
    case .round:
      let digits = columns.count == 2 ? columns[1].int64Values : []
      for row in 0..<values.count {
        let places = digits.isEmpty ? 0 : digits[row]
        let scale = pow(10, Double(places))
        let scaled = values[row] * scale
        if !scaled.isFinite {
          result[row] = values[row]  // more digits than a double holds: nothing to round
        } else if scale == 0 {
          result[row] = 0  // fewer digits than the value has: it rounds to zero
        } else {
          result[row] = scaled.rounded(.toNearestOrAwayFromZero) / scale
        }
      }
      if columns.count == 2 { validity = Bitmap.both(validity, columns[1].validity) }
    case .sqrt: for row in 0..<values.count { result[row] = values[row].squareRoot() }
    case .exp: for row in 0..<values.count { result[row] = Foundation.exp(values[row]) }
    case .log, .ln: for row in 0..<values.count { result[row] = Foundation.log(values[row]) }
    case .log10: for row in 0..<values.count { result[row] = Foundation.log10(values[row]) }
    case .pow:
      let exponents = columns[1].numericAsDoubles
      for row in 0..<values.count { result[row] = Foundation.pow(values[row], exponents[row]) }
      validity = Bitmap.both(validity, columns[1].validity)
    default: break
    }
    // NaN and infinities from domain errors become null.
    for row in 0..<result.count where !result[row].isFinite {
      if validity == nil { validity = Bitmap(count: result.count, value: true) }
      validity?.clear(row)
      result[row] = 0
    }
    return Column(doubles: result, validity: validity)
  }
}
