import Foundation

/// How a kind's values are stored: the element type of its column's array.
enum CSVStorageFamily: Sendable, Equatable {
  /// Int64: int, date and timestamp values.
  case int64
  case double
  case bool
  /// Int32 dictionary codes of string values.
  case codes

  init?(_ kind: InferredKind) {
    switch kind {
    case .int, .date, .timestamp: self = .int64
    case .double: self = .double
    case .bool: self = .bool
    case .string: self = .codes
    case .unknown: return nil
    }
  }

  /// Bytes per value.
  var width: Int {
    switch self {
    case .int64, .double: 8
    case .bool: 1
    case .codes: 4
    }
  }
}

/// The rows of one chunk inside a column's final array: where the chunk's
/// parser writes its values while they are of the array's family.
struct CSVRegion {
  let family: CSVStorageFamily
  let start: UnsafeMutableRawPointer
  /// Rows the chunk may write; a chunk with more moves to a buffer of its own.
  let capacity: Int
}

/// The final arrays of a load's columns, which the chunk parsers fill in place.
///
/// Before the parse, each column gets an array of the family a sample of the
/// file suggests, with room for every row the file can hold (its line ends),
/// left unwritten so that pages are only committed where rows land. Chunk
/// `k` writes at the rows that precede it in the worst case (the line ends
/// before it), so after the parse each chunk's rows only have to move down
/// to their true place, which in a file without blank lines or quoted line
/// breaks they already are. The columns then take the arrays as they are:
/// the load never copies the values of its columns a second time.
///
/// The parsers write through pointers taken from the arrays when they are
/// made. The arrays are owned here, untouched, until `take` hands one out
/// after every parser has finished, so the pointers stay valid throughout.
final class CSVColumnTargets: @unchecked Sendable {
  enum Values {
    case int64([Int64])
    case double([Double])
    case bool([Bool])
    case codes([Int32])
  }

  /// Rows the arrays have room for.
  let capacity: Int
  private var values: [Values?]
  private let lock = NSLock()
  private let starts: [UnsafeMutableRawPointer?]
  private let families: [CSVStorageFamily?]

  /// Arrays of `capacity` rows for the columns with a family (nil: none).
  init(families: [CSVStorageFamily?], capacity: Int) {
    let rows = max(1, capacity)
    self.capacity = rows
    self.families = families
    var values: [Values?] = []
    var starts: [UnsafeMutableRawPointer?] = []
    func add<Element>(_ type: Element.Type, _ wrap: ([Element]) -> Values) {
      var array = Self.unwritten(type, rows)
      starts.append(
        array.withUnsafeMutableBytes { bytes in
          Self.preferLargePages(bytes)
          return bytes.baseAddress
        })
      values.append(wrap(array))
    }
    for family in families {
      switch family {
      case .int64: add(Int64.self, Values.int64)
      case .double: add(Double.self, Values.double)
      case .bool: add(Bool.self, Values.bool)
      case .codes: add(Int32.self, Values.codes)
      case nil:
        starts.append(nil)
        values.append(nil)
      }
    }
    self.values = values
    self.starts = starts
  }

  /// Asks the kernel to back the whole 2 MB pages of a large array with
  /// huge pages: the parse then takes one page fault per 2 MB of a column
  /// rather than one per 4 KB, which on a virtual machine cost a sixth of
  /// the load.
  private static func preferLargePages(_ bytes: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      let huge = 2 << 20
      guard let base = bytes.baseAddress, bytes.count >= 2 * huge else { return }
      let start = (Int(bitPattern: base) + huge - 1) / huge * huge
      let end = (Int(bitPattern: base) + bytes.count) / huge * huge
      guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(aligned, end - start, MADV_HUGEPAGE)
    #endif
  }

  /// An array of `count` elements whose memory is not written yet. Every
  /// element type here is a plain number, valid for any bytes, and the load
  /// writes every row it keeps before the column is read.
  private static func unwritten<Element>(_ type: Element.Type, _ count: Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }

  func family(of column: Int) -> CSVStorageFamily? { families[column] }

  /// The start of column `column`'s array, while this object holds it.
  func start(of column: Int) -> UnsafeMutableRawPointer? { starts[column] }

  /// Rows `offset ..< offset + rows` of column `column`, for one chunk.
  func region(column: Int, offset: Int, rows: Int) -> CSVRegion? {
    guard let family = families[column], let start = starts[column],
      offset >= 0, rows >= 0, offset + rows <= capacity
    else { return nil }
    return CSVRegion(family: family, start: start + offset * family.width, capacity: rows)
  }

  /// Hands out column `column`'s array, cut to `rowCount` rows; the caller
  /// must have written all of them, and no parser may write again.
  func take(_ column: Int, rowCount: Int) -> Values? {
    // Columns are assembled on several threads at once.
    let taken = lock.withLock {
      let taken = values[column]
      values[column] = nil
      return taken
    }
    // The array is now held once, so cutting it keeps its memory.
    func cut<Element>(_ array: inout [Element]) { array.removeLast(max(0, array.count - rowCount)) }
    switch consume taken {
    case .int64(var array)?:
      cut(&array)
      return .int64(array)
    case .double(var array)?:
      cut(&array)
      return .double(array)
    case .bool(var array)?:
      cut(&array)
      return .bool(array)
    case .codes(var array)?:
      cut(&array)
      return .codes(array)
    case nil: return nil
    }
  }
}
