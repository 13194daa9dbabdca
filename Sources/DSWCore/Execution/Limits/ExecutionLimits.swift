import Foundation

/// What long work must respect: the user's Ctrl-C and the session's memory limit.
///
/// Kernels whose output size depends on the data (join, pivot, window, synth,
/// load) count or estimate their output and call `admit` before they allocate
/// it, so a wrong join key is refused with an estimate instead of taking the
/// machine down. Long loops call `poll` often enough that Ctrl-C returns to
/// the prompt within a fraction of a second.
public struct ExecutionLimits: Sendable {
  /// The most memory the session may hold, in bytes; nil means no limit.
  public var memoryLimit: Int?
  /// The bytes the process holds now (its resident set), as the app measures it.
  public var memoryInUse: @Sendable () -> Int
  /// True once the user asked to interrupt (Ctrl-C).
  public var isCancelled: @Sendable () -> Bool

  public init(
    memoryLimit: Int? = nil, memoryInUse: @escaping @Sendable () -> Int = { 0 },
    isCancelled: @escaping @Sendable () -> Bool = { false }
  ) {
    self.memoryLimit = memoryLimit
    self.memoryInUse = memoryInUse
    self.isCancelled = isCancelled
  }

  /// No limit and no interruption: for tests and internal work.
  public static let none = ExecutionLimits()

  /// Throws `X001` once the user has interrupted.
  @inline(__always)
  public func poll() throws(Diagnostic) {
    if isCancelled() { throw Diagnostic.interrupted }
  }

  /// Rows a single pass handles between polls of Ctrl-C: 64K rows take well
  /// under a millisecond in any kernel, and one atomic load per block costs
  /// nothing measurable.
  public static let blockRows = 1 << 16

  /// Calls `body` on consecutive blocks of `0..<count` (at most `blockRows`
  /// each, in order), polling Ctrl-C before each: the way a long single pass
  /// over user-sized data stays interruptible.
  @inline(__always)
  public func blocks(
    _ count: Int, _ body: (Range<Int>) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    var start = 0
    while start < count {
      try poll()
      let end = start + min(Self.blockRows, count - start)
      try body(start..<end)
      start = end
    }
  }

  /// Calls `body` on consecutive blocks of `range`, stopping without a throw
  /// once Ctrl-C is seen: the form for one part of parallel work, whose
  /// caller polls after every part has returned.
  @inline(__always)
  public func blocks(of range: Range<Int>, stoppingEarly body: (Range<Int>) -> Void) {
    var start = range.lowerBound
    while start < range.upperBound {
      if isCancelled() { return }
      let end = start + min(Self.blockRows, range.upperBound - start)
      body(start..<end)
      start = end
    }
  }

  /// `transform` of each index in `0..<count`, polling Ctrl-C between
  /// blocks: an interruptible `(0..<count).map`. Elements are plain values
  /// (`BitwiseCopyable`), so an interrupted array is dropped as it is.
  @inline(__always)
  public func map<Element: BitwiseCopyable>(
    _ count: Int, _ transform: (Int) -> Element
  ) throws(Diagnostic) -> [Element] {
    var failure: Diagnostic?
    let result = [Element](uninitializedCount: count) { buffer, initialized in
      var start = 0
      while start < count {
        do throws(Diagnostic) { try poll() } catch {
          failure = error
          break
        }
        let end = start + min(Self.blockRows, count - start)
        for index in start..<end { buffer.initializeElement(at: index, to: transform(index)) }
        start = end
      }
      initialized = count
    }
    if let failure { throw failure }
    return result
  }

  /// Refuses work whose output of `rows` rows of `bytesPerRow` bytes would
  /// pass the memory limit, given what the process already holds.
  ///
  /// - Parameter operation: what the user asked for, as the message names it
  ///   ("this join"); `unit` names what is counted ("rows").
  public func admit(
    _ operation: String, rows: Int, bytesPerRow: Int, unit: String = "rows",
    at span: SourceSpan? = nil, help: String? = nil
  ) throws(Diagnostic) {
    let (product, overflow) = max(rows, 0).multipliedReportingOverflow(by: max(bytesPerRow, 1))
    try admit(
      overflow ? Int.max : product, for: "\(operation) would produce \(rows.formatted) \(unit)",
      at: span, help: help)
  }

  /// The most rows one table holds: rows are numbered with 32 bits in
  /// relations and selections.
  public static let maxTableRows = Int(Int32.max)

  /// Refuses an output of `rows` rows that no table can hold (E502), then
  /// one that would pass the memory limit (E501).
  public func admitTable(
    _ operation: String, rows: Int, bytesPerRow: Int, at span: SourceSpan? = nil,
    help: String? = nil
  ) throws(Diagnostic) {
    if rows > Self.maxTableRows {
      throw Diagnostic.error(
        "E502",
        "\(operation) would produce \(rows.formatted) rows; a table holds at most "
          + "\(Self.maxTableRows.formatted) rows", at: span, help: help)
    }
    try admit(operation, rows: rows, bytesPerRow: bytesPerRow, at: span, help: help)
  }

  /// Refuses work that needs about `bytes` more memory than the limit leaves.
  ///
  /// - Parameter work: the start of the message ("loading x.csv needs").
  public func admit(
    _ bytes: Int, for work: String, at span: SourceSpan? = nil, help: String? = nil
  ) throws(Diagnostic) {
    try poll()
    guard let memoryLimit else { return }
    let inUse = max(memoryInUse(), 0)
    guard bytes > memoryLimit - inUse else { return }
    var limitText = "the memory limit is \(ByteCount.text(memoryLimit))"
    if inUse >= memoryLimit / 100 { limitText += " and \(ByteCount.text(inUse)) is in use" }
    throw Diagnostic.error(
      "E501", "\(work), about \(ByteCount.text(bytes)); \(limitText)", at: span,
      help: help
        ?? "narrow the input first, or raise the limit with `--memory-limit` or `:set memory_limit`"
    )
  }
}

/// Sizes in bytes, as people write them: `4GB`, `512MB`, `2GiB`, `80%`.
///
/// As in DuckDB, KB/MB/GB/TB are powers of 1000 and KiB/MiB/GiB/TiB powers
/// of 1024; a bare number is bytes.
public enum ByteCount {
  /// "6.4 GB", "640 GB", "12 MB": two or three significant digits.
  public static func text(_ bytes: Int) -> String {
    if bytes == Int.max { return "more than 9 EB" }
    let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    if unit == 0 { return "\(bytes) bytes" }
    let digits = value < 10 ? 1 : 0
    let rounded = (value * (digits == 1 ? 10 : 1)).rounded() / (digits == 1 ? 10 : 1)
    let number = digits == 1 ? String(rounded) : String(Int(rounded))
    return "\(number.hasSuffix(".0") ? String(number.dropLast(2)) : number) \(units[unit])"
  }

  /// Parses `4GB`, `4 GB`, `512MiB`, `1000000`; `percent` of `total` for `80%`.
  /// Nil when the text is not a size.
  public static func parse(_ text: String, total: Int? = nil) -> Int? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
    if trimmed.hasSuffix("%") {
      guard let total, let percent = Double(trimmed.dropLast()), percent > 0, percent <= 100
      else { return nil }
      return Int(Double(total) * percent / 100)
    }
    let multipliers: [(String, Double)] = [
      ("KIB", 1024), ("MIB", 1_048_576), ("GIB", 1_073_741_824), ("TIB", 1_099_511_627_776),
      ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("K", 1e3), ("M", 1e6), ("G", 1e9),
      ("T", 1e12), ("B", 1),
    ]
    var number = Substring(trimmed)
    var multiplier = 1.0
    for (suffix, factor) in multipliers where trimmed.hasSuffix(suffix) {
      number = trimmed.dropLast(suffix.count)
      multiplier = factor
      break
    }
    guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value > 0,
      value * multiplier < 9e18
    else { return nil }
    return Int(value * multiplier)
  }
}
