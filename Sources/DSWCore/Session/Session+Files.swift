/// `load`, `export` and `synth`: datasets in and out.
extension Session {
  func load(_ path: String, pathSpan: SourceSpan, as name: Name, options: [Option])
    throws(Diagnostic) -> [CellOutput]
  {
    let (format, csvOptions) = try LoadOptions.read(
      path, pathSpan: pathSpan, options: options, parameters: parameters)
    let resolved = try context.sandbox.resolve(path, span: pathSpan)
    let cancelled = context.isCancelled
    let progress = context.progress
    var notes: [String] = []
    let table: Table = try context.files.withContents(of: resolved, span: pathSpan) {
      (bytes) throws(Diagnostic) -> Table in
      do throws(Diagnostic) {
        // A load's columns take about twice the file, and parsing needs as much again.
        try context.limits.admit(
          bytes.count.multipliedReportingOverflow(by: 2).partialValue,
          for: "loading \(path) would produce its \(ByteCount.text(bytes.count)) as columns",
          at: pathSpan)
        if format == "json" || format == "jsonl" {
          let (table, integerText) = try JSONDataReader.readWithNotes(
            bytes, isCancelled: cancelled)
          notes += integerText.map(\.note)
          return table
        }
        let result = try CSVReader.read(
          bytes, options: csvOptions, isCancelled: cancelled,
          progress: { progress("load", $0) })
        notes += result.integerTextColumns.map(\.note)
        if !result.skipped.isEmpty {
          notes.append("skipped \(result.skipped.count.formatted) bad rows:")
          for skipped in result.skipped.prefix(10) {
            notes.append("  line \(skipped.line): \(skipped.reason)")
          }
          if result.skipped.count > 10 {
            notes.append("  … and \((result.skipped.count - 10).formatted) more")
          }
        }
        return result.table
      } catch {
        var located = error
        located.notes.insert("while loading \(path)", at: 0)
        if located.span == nil { located.span = pathSpan }
        throw located
      }
    }
    store(name.text, Dataset(name: name.text, table: table))
    let text = ([summary(name.text, table)] + notes).joined(separator: "\n")
    return [.text(text)]
  }

  func export(_ dataset: Dataset, path: String, pathSpan: SourceSpan, options: [Option])
    throws(Diagnostic) -> [CellOutput]
  {
    let reader = try OptionReader(
      options, valid: OptionNames.export, context: "`export`", parameters: parameters)
    let format = try FileFormat.infer(
      path, span: pathSpan, explicit: reader.string("format", allowed: ["csv", "tsv", "jsonl"]))
    let escape = try reader.bool("escape_formulas", default: true)
    let resolved = try context.sandbox.resolve(path, span: pathSpan, for: .write)
    let bytes: [UInt8]
    switch format {
    case "json", "jsonl": bytes = JSONLinesWriter.write(dataset.table)
    case "tsv":
      bytes = CSVWriter.write(dataset.table, delimiter: UInt8(ascii: "\t"), escapeFormulas: escape)
    default: bytes = CSVWriter.write(dataset.table, escapeFormulas: escape)
    }
    try context.files.write(bytes, to: resolved, span: pathSpan)
    return [.text("wrote \(dataset.table.rowCount.formatted) rows of \(dataset.name) to \(path)")]
  }

  func synthesize(_ generator: Name, options: [Option], span: SourceSpan) throws(Diagnostic)
    -> [CellOutput]
  {
    switch generator.text {
    case "groupby":
      let reader = try OptionReader(
        options, valid: OptionNames.synthGroupBy, context: "`synth groupby`",
        parameters: parameters)
      let rows = try reader.int("rows", default: 1_000_000, range: 0...500_000_000)
      let k = try reader.int("k", default: 100, range: 1...1_000_000_000)
      let nas = try reader.int("nas", default: 0, range: 0...100)
      let seed = try reader.int("seed", default: 108, range: 0...Int.max)
      let name = try reader.string("as") ?? "groupby"
      // Nine columns of 8 bytes, and as much again while they are built.
      try context.limits.admit(
        "this synth", rows: rows, bytesPerRow: 144, at: span,
        help:
          "generate fewer `rows`, or raise the memory limit (`:set memory_limit`, `--memory-limit`)"
      )
      let progress = context.progress
      let table = try GroupBySynth.generate(
        rows: rows, k: k, nas: nas, seed: UInt64(seed), isCancelled: context.isCancelled,
        progress: { progress("synth groupby", $0) })
      store(name, Dataset(name: name, table: table))
      return [.text(summary(name, table))]
    case "cmle":
      return try synthesizeCMLE(options: options, span: span)
    default:
      throw Diagnostic.error(
        "E233", "unknown generator `\(generator.text)`", at: generator.span,
        notes: [
          "the generators are `cmle` (customer profiles and events) and `groupby` (the db-benchmark table)"
        ],
        help: UnknownName.suggestion(generator.text, ["cmle", "groupby"]))
    }
  }
}

/// A `load` statement's format and CSV options, read from its options.
enum LoadOptions {
  static func read(
    _ path: String, pathSpan: SourceSpan, options: [Option], parameters: [String: Value]
  ) throws(Diagnostic) -> (format: String, csv: CSVOptions) {
    let reader = try OptionReader(
      options, valid: OptionNames.load, context: "`load`", parameters: parameters)
    let format = try FileFormat.infer(
      path, span: pathSpan,
      explicit: reader.string("format", allowed: ["csv", "tsv", "json", "jsonl"]))
    var csvOptions = format == "tsv" ? CSVOptions.tsv : CSVOptions()
    if let delimiter = try reader.string("delimiter") {
      guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first else {
        throw Diagnostic.error(
          "E232", "`delimiter` must be a single character", at: reader.span(of: "delimiter"))
      }
      csvOptions.delimiter = byte
    }
    csvOptions.header = try reader.bool("header", default: true)
    if try reader.string("on_error", allowed: ["fail", "skip"]) == "skip" {
      csvOptions.onError = .skip
    }
    return (format, csvOptions)
  }
}

/// File formats, told by extension unless `format:` says otherwise.
enum FileFormat {
  static func infer(_ path: String, span: SourceSpan, explicit: String?) throws(Diagnostic)
    -> String
  {
    if let explicit { return explicit }
    let lower = path.lowercased()
    for (suffix, format) in [
      (".csv", "csv"), (".tsv", "tsv"), (".tab", "tsv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
      (".json", "json"), (".txt", "csv"),
    ] where lower.hasSuffix(suffix) {
      return format
    }
    throw Diagnostic.error(
      "E234", "cannot tell the format of \"\(path)\" from its extension", at: span,
      help: "add `(format: \"csv\")`; the formats are csv, tsv, json and jsonl")
  }
}
