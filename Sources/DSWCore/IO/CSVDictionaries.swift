import Foundation

/// String dictionaries shared by the chunks of one load: one table per
/// column in each set, and a set per chunk being parsed at a time.
///
/// A chunk takes a set when it starts and gives it back when it ends, so
/// there are only as many sets as chunks ever parsed at once (the threads),
/// and a value is added to a set once, not once per chunk: a column with a
/// hundred thousand distinct values costs that many insertions per thread.
/// Codes only ever grow, so a chunk's codes stay valid in its set's final
/// tables; each chunk notes how far its set's tables reached when it ended.
final class CSVDictionaries: @unchecked Sendable {
  /// One table per column, and the set's number (0, 1, … as they are made).
  final class Set: @unchecked Sendable {
    let index: Int
    var tables: [ByteStringTable]

    init(index: Int, columns: Int) {
      self.index = index
      tables = Array(repeating: ByteStringTable.placeholder, count: columns)
    }
  }

  private let lock = NSLock()
  private let columns: Int
  private var free: [Set] = []
  private var made = 0

  init(columns: Int) { self.columns = columns }

  /// A set no running chunk holds.
  func take() -> Set {
    lock.withLock {
      if let set = free.popLast() { return set }
      made += 1
      return Set(index: made - 1, columns: columns)
    }
  }

  func giveBack(_ set: Set) { lock.withLock { free.append(set) } }
}
