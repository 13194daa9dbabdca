/// An aggregate or window call found inside an `aggregate` or `window` item.
///
/// The binder lifts each call out of its expression: the executor computes
/// the call into a column first, and the rest of the expression then reads
/// that column. So `spread = max(v1) - min(v2)` is two aggregates and a
/// subtraction.
public struct CollectedCall: Sendable {
  public enum Function: Sendable {
    case aggregate(AggregateFunction)
    case window(WindowFunction)
  }

  public var function: Function
  /// Arguments bound against the input rows.
  public var arguments: [BoundExpr]
  /// A constant parameter: the quantile's q, ntile's n, lag/lead's offset.
  public var parameter: Double?
  public var type: DataType
  public var span: SourceSpan
}

/// Gathers the calls lifted out of expressions while binding.
final class CallCollector {
  var calls: [CollectedCall] = []
  /// The index of the first lifted column in the schema the outer expression sees.
  let firstColumn: Int

  init(firstColumn: Int) { self.firstColumn = firstColumn }

  func add(_ call: CollectedCall) -> Int {
    calls.append(call)
    return firstColumn + calls.count - 1
  }
}
