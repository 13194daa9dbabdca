import DSWCore
import Foundation

/// A dataset of Parquet files: footers read at `load`, columns read on use.
///
/// A read asks for some columns and passes predicates. Files whose partition
/// values cannot match are not opened; row groups whose statistics rule the
/// predicates out are not decoded. A column read in full (every row group of
/// every file) is kept, so the next statement over the dataset reuses it.
final class ParquetDataset: ExternalTable, @unchecked Sendable {
  let files: [ParquetFile]
  let access: any FileAccess
  let schema: Schema
  let rowCount: Int
  let remarks: [String: String]
  /// Partition columns' values for each file, by name.
  private let partitions: [[String: Value]]
  private let lock = NSLock()
  private var cache: [String: Column] = [:]
  private var readBytes = 0

  init(files: [ParquetFile], access: any FileAccess, columns: [String]?, span: SourceSpan)
    throws(Diagnostic)
  {
    self.files = files
    self.access = access
    var fields: [Schema.Field] = []
    var positions: [String: Int] = [:]
    var remarks: [String: String] = [:]
    var origins: [String: String] = [:]
    func add(_ name: String, _ type: DataType, _ origin: String) throws(Diagnostic) {
      if let position = positions[name] {
        guard fields[position].type == type else {
          throw Diagnostic.error(
            "L021",
            "the column `\(name)` is \(fields[position].type.rawValue) in \(origins[name] ?? "") "
              + "but \(type.rawValue) in \(origin)",
            at: span, help: "load the files separately and convert one with `derive`")
        }
        return
      }
      positions[name] = fields.count
      origins[name] = origin
      fields.append(Schema.Field(name: name, type: type))
    }
    for file in files {
      for position in file.schema.columns.indices {
        let field = file.field(position)
        try add(field.name, field.type, file.file.displayPath)
        if let remark = field.remark { remarks[field.name] = remark }
      }
    }
    var partitions: [[String: Value]] = []
    for file in files {
      var values: [String: Value] = [:]
      for partition in file.file.partitions where file.columnIndex[partition.name] == nil {
        values[partition.name] = partition.value
        let type: DataType =
          switch partition.value {
          case .int: .int
          case .date: .date
          default: .string
          }
        if positions[partition.name] == nil { remarks[partition.name] = "from folder names" }
        try add(partition.name, type, file.file.displayPath)
      }
      partitions.append(values)
    }
    self.partitions = partitions
    if let columns {
      let known = fields.map(\.name)
      for name in columns where positions[name] == nil {
        var error = LoadDiagnostics.unknownColumn(name, option: "columns", known: known)
        error.span = span
        throw error
      }
      fields = columns.compactMap { name in positions[name].map { fields[$0] } }
    }
    schema = Schema(fields)
    rowCount = files.reduce(0) { $0 + $1.rowCount }
    self.remarks = remarks.filter { name, _ in fields.contains { $0.name == name } }
  }

  var summary: String {
    let groups = files.reduce(0) { $0 + $1.metadata.rowGroups.count }
    let stored = files.reduce(0) { total, file in
      total
        + file.schema.columns.indices.reduce(0) {
          $0 + file.storedBytes($1, rowGroups: Array(file.metadata.rowGroups.indices))
        }
    }
    let fileText = files.count == 1 ? files[0].file.displayPath : "\(files.count) files"
    return "\(fileText): \(groups.formatted) row group\(groups == 1 ? "" : "s"), "
      + "\(ByteCount.text(stored)) of column data; columns are read when a statement uses them"
  }

  var bytesRead: Int { lock.withLock { readBytes } }

  var cachedBytes: Int { lock.withLock { cache.values.reduce(0) { $0 + $1.memoryBytes } } }

  func nullCount(of column: String) -> Int? {
    var total = 0
    for (index, file) in files.enumerated() {
      if let value = partitions[index][column] {
        total += value == .null ? file.rowCount : 0
        continue
      }
      guard let position = file.columnIndex[column] else {
        total += file.rowCount
        continue
      }
      for group in file.metadata.rowGroups.indices {
        guard let nulls = file.statistics(position, rowGroup: group).nulls else { return nil }
        total += nulls
      }
    }
    return total
  }

  func read(columns: [String], where predicates: [ScanPredicate], limits: ExecutionLimits)
    throws(Diagnostic) -> Table
  {
    let plan = rowGroups(passing: predicates)
    let isWhole =
      plan.allSatisfy { $0.groups.count == files[$0.file].metadata.rowGroups.count }
      && plan.count == files.count
    let rows = plan.reduce(0) { total, entry in
      total + entry.groups.reduce(0) { $0 + Int(files[entry.file].metadata.rowGroups[$1].numRows) }
    }
    let types = Dictionary(
      schema.fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    var result: [String: Column] = [:]
    var missing: [String] = []
    for name in columns {
      if isWhole, let cached = lock.withLock({ cache[name] }) {
        result[name] = cached
      } else {
        missing.append(name)
      }
    }
    if !missing.isEmpty {
      // The columns, and while a chunk decodes, its levels and values.
      var declared = 0
      for entry in plan {
        let file = files[entry.file]
        for name in missing {
          guard let position = file.columnIndex[name] else { continue }
          declared = Saturating.add(
            declared, file.declaredValues(position, rowGroups: entry.groups))
        }
      }
      let width = missing.reduce(0) { $0 + (types[$1]?.payloadWidth ?? 8) + 1 }
      let bytes = Saturating.add(
        Saturating.multiply(width, rows), Saturating.multiply(declared, 12))
      try limits.admit(
        bytes,
        for: "reading \(missing.count) columns of \(rows.formatted) rows would take")
      var pieces: [String: [Column]] = [:]
      for entry in plan {
        try limits.poll()
        let file = files[entry.file]
        let read = try readFile(
          file, entry.file, columns: missing, groups: entry.groups, limits: limits)
        for (name, column) in read { pieces[name, default: []].append(column) }
      }
      for name in missing {
        let column = Column.concatenated(pieces[name] ?? [], type: types[name] ?? .string)
        result[name] = column
        if isWhole { lock.withLock { cache[name] = column } }
      }
    }
    return Table(columns.compactMap { name in result[name].map { (name, $0) } })
  }

  /// The files and row groups that may hold rows passing every predicate.
  private func rowGroups(passing predicates: [ScanPredicate]) -> [(file: Int, groups: [Int])] {
    var plan: [(file: Int, groups: [Int])] = []
    for (index, file) in files.enumerated() {
      let values = partitions[index]
      let excluded = predicates.contains { predicate in
        guard let value = values[predicate.column] else { return false }
        let isNull = value == .null
        return !predicate.mayMatch(
          min: isNull ? nil : value, max: isNull ? nil : value,
          nullCount: isNull ? file.rowCount : 0, rowCount: file.rowCount)
      }
      if excluded { continue }
      let groups = file.metadata.rowGroups.indices.filter { group in
        let groupRows = Int(file.metadata.rowGroups[group].numRows)
        return predicates.allSatisfy { predicate in
          guard let position = file.columnIndex[predicate.column] else { return true }
          let statistics = file.statistics(position, rowGroup: group)
          return predicate.mayMatch(
            min: statistics.min, max: statistics.max, nullCount: statistics.nulls,
            rowCount: groupRows)
        }
      }
      if !groups.isEmpty { plan.append((index, groups)) }
    }
    return plan
  }

  /// Reads columns of one file's row groups, columns in parallel.
  private func readFile(
    _ file: ParquetFile, _ index: Int, columns: [String], groups: [Int], limits: ExecutionLimits
  ) throws(Diagnostic) -> [String: Column] {
    let rows = groups.reduce(0) { $0 + Int(file.metadata.rowGroups[$1].numRows) }
    var output: [String: Column] = [:]
    var toDecode: [(name: String, position: Int)] = []
    for name in columns {
      if let position = file.columnIndex[name] {
        toDecode.append((name, position))
      } else if let value = partitions[index][name] {
        let type = schema.fields.first { $0.name == name }?.type ?? .string
        output[name] = Column.constant(value, type: type, count: rows)
      } else {
        let type = schema.fields.first { $0.name == name }?.type ?? .string
        output[name] = Column.nulls(type, count: rows)
      }
    }
    guard !toDecode.isEmpty else { return output }
    let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    // Columns, largest first, so that one wide column does not leave the
    // other cores idle at the end.
    let units = toDecode.indices.map { column in
      (
        column: column, groups: groups,
        bytes: file.storedBytes(toDecode[column].position, rowGroups: groups)
      )
    }.sorted { $0.bytes > $1.bytes }
    let work = units
    let positions = toDecode.map(\.position)
    let span = SourceSpan(offset: 0, length: 0, line: 1, column: 1)
    let decoded = try access.withPresizedContents(of: file.file.path, span: span) {
      (bytes) throws(Diagnostic) -> [Result<Column, ParquetError>] in
      let results = ResultSlots<Column>(count: work.count)
      let shared = SharedBytes(bytes: bytes)
      ParallelWork.run(count: work.count, threads: min(threads, work.count)) { slot in
        let unit = work[slot]
        let result: Result<Column, ParquetError>
        do throws(ParquetError) {
          result = .success(
            try file.read(
              positions[unit.column], rowGroups: unit.groups, bytes: shared.bytes,
              isCancelled: limits.isCancelled))
        } catch {
          result = .failure(error)
        }
        results.set(slot, result)
      }
      return results.values
    }
    var columns: [Column?] = Array(repeating: nil, count: toDecode.count)
    for (slot, unit) in units.enumerated() {
      switch decoded[slot] {
      case .success(let column):
        columns[unit.column] = column
      case .failure(let error):
        if error == .interrupted { throw Diagnostic.interrupted }
        throw Diagnostic.error(
          "L020",
          "cannot read \(file.file.displayPath), column `\(toDecode[unit.column].name)`: "
            + error.message)
      }
    }
    var stored = 0
    for (column, entry) in toDecode.enumerated() {
      output[entry.name] = columns[column]
      stored += file.storedBytes(entry.position, rowGroups: groups)
    }
    lock.withLock { readBytes += stored }
    return output
  }
}

/// The mapped bytes of a file, shared read-only by the workers decoding its columns.
private struct SharedBytes: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
}

/// Sizes that stop at `Int.max` instead of wrapping: a footer's counts are untrusted.
enum Saturating {
  static func add(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }

  static func multiply(_ a: Int, _ b: Int) -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? Int.max : product
  }
}
