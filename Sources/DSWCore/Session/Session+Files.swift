/// `load`, `export` and `synth`: datasets in and out.
extension Session {
  func load(_ path: String, pathSpan: SourceSpan, as name: Name, options: [Option])
    throws(Diagnostic) -> [CellOutput]
  {
    let resolved = try context.sandbox.resolve(path, span: pathSpan)
    let folder = FileFormat.ofFolder(
      path, resolved: resolved, formats: context.formats, files: context.files)
    let (format, csvOptions) = try LoadOptions.read(
      path, pathSpan: pathSpan, options: options, parameters: parameters,
      formats: context.formats, folderFormat: folder?.format)
    if let external = context.formats.first(where: { $0.name == format }) {
      let files = try FileFormat.externalFiles(
        path, resolved: resolved, format: external, folder: folder, access: context.files,
        span: pathSpan)
      return try loadExternal(
        external, files: files, pathSpan: pathSpan, as: name, columns: csvOptions.columns)
    }
    let cancelled = context.isCancelled
    let progress = context.progress
    var notes: [String] = []
    var remarks: [String: String] = [:]
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
          return try LoadOptions.apply(csvOptions, to: table)
        }
        let result = try CSVReader.read(
          bytes, options: csvOptions, isCancelled: cancelled,
          progress: { progress("load", $0) }, releasePages: context.files.pageReleaser(for: bytes))
        notes += result.integerTextColumns.map(\.note)
        remarks = Dictionary(
          result.leadingZeroColumns.map { ($0.name, "leading zeros kept") },
          uniquingKeysWith: { first, _ in first })
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
    let text = ([loadSummary(name.text, table, remarks: remarks)] + notes).joined(
      separator: "\n")
    return [.text(text)]
  }

  /// A dataset of files whose columns are read on use: the footers now,
  /// the data when a statement needs it.
  private func loadExternal(
    _ format: any ExternalFormat, files: [ExternalFile], pathSpan: SourceSpan, as name: Name,
    columns: [String]?
  ) throws(Diagnostic) -> [CellOutput] {
    let table = try format.open(
      files, columns: columns, access: context.files, limits: context.limits, span: pathSpan)
    store(name.text, Dataset(name: name.text, external: table))
    let schema = table.schema
    return [
      .text(
        loadSummary(
          name.text, rowCount: table.rowCount, schema: schema, remarks: table.remarks)
          + "\n" + table.summary)
    ]
  }

  /// `m: 5 rows × 3 columns (id int, zip string — leading zeros kept, …)`: the
  /// types inference chose, so that a surprise shows at once.
  func loadSummary(_ name: String, _ table: Table, remarks: [String: String]) -> String {
    loadSummary(name, rowCount: table.rowCount, schema: Schema(of: table), remarks: remarks)
  }

  func loadSummary(_ name: String, rowCount: Int, schema: Schema, remarks: [String: String])
    -> String
  {
    let shown = 12
    var parts = schema.fields.prefix(shown).map { field in
      var text = "\(field.name) \(field.type.rawValue)"
      if let remark = remarks[field.name] { text += " — \(remark)" }
      return text
    }
    if schema.fields.count > shown { parts.append("…") }
    let list = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    return "\(name): \(rowCount.counting("row")) × \(schema.fields.count.counting("column"))" + list
  }

  func export(_ dataset: Dataset, path: String, pathSpan: SourceSpan, options: [Option])
    throws(Diagnostic) -> [CellOutput]
  {
    let reader = try OptionReader(
      options, valid: OptionNames.export, context: "`export`", parameters: parameters)
    let externalNames = context.formats.map(\.name)
    let format = try FileFormat.infer(
      path, span: pathSpan,
      explicit: reader.string("format", allowed: ["csv", "tsv", "jsonl"] + externalNames),
      formats: context.formats)
    let resolved = try context.sandbox.resolve(path, span: pathSpan, for: .write)
    if let external = context.formats.first(where: { $0.name == format }) {
      if reader.has("escape_formulas") {
        throw Diagnostic.error(
          "E232", "`escape_formulas` is for CSV files, not \(format)",
          at: reader.span(of: "escape_formulas"),
          help: "\(format) files hold values, not formulas a spreadsheet would run")
      }
      var settings = FormatOptions(span: pathSpan)
      for option in external.exportOptions where reader.has(option) {
        settings.values[option] = reader.value(option)
        settings.spans[option] = reader.span(of: option)
      }
      let bytes = try external.write(dataset.table, options: settings, limits: context.limits)
      try context.files.write(bytes, to: resolved, span: pathSpan)
      return [
        .text("wrote \(dataset.table.rowCount.formatted) rows of \(dataset.name) to \(path)")
      ]
    }
    for option in context.formats.flatMap(\.exportOptions) where reader.has(option) {
      throw Diagnostic.error(
        "E232", "`\(option)` is for \(externalNames.joined(separator: " and ")) files",
        at: reader.span(of: option))
    }
    let escape = try reader.bool("escape_formulas", default: true)
    try context.files.write(
      parts: try textParts(dataset.table, format: format, escapeFormulas: escape), to: resolved,
      span: pathSpan)
    return [.text("wrote \(dataset.table.rowCount.formatted) rows of \(dataset.name) to \(path)")]
  }

  /// `table` as a CSV, TSV or JSON Lines file, in parts to write in turn.
  func textParts(_ table: Table, format: String, escapeFormulas escape: Bool)
    throws(Diagnostic) -> [[UInt8]]
  {
    switch format {
    case "json", "jsonl": try JSONLinesWriter.parts(table, limits: context.limits)
    case "tsv":
      try CSVWriter.parts(
        table, delimiter: UInt8(ascii: "\t"), escapeFormulas: escape, limits: context.limits)
    default: try CSVWriter.parts(table, escapeFormulas: escape, limits: context.limits)
    }
  }

  func synthesize(_ generator: Name, options: [Option], span: SourceSpan) throws(Diagnostic)
    -> [CellOutput]
  {
    switch generator.text {
    case "groupby":
      let synth = try SynthOptions.groupBy(options, parameters: parameters)
      // Nine columns of 8 bytes, and as much again while they are built.
      try context.limits.admit(
        "this synth", rows: synth.rows, bytesPerRow: 144, at: span,
        help:
          "generate fewer `rows`, or raise the memory limit (`:set memory_limit`, `--memory-limit`)"
      )
      let progress = context.progress
      let table = try GroupBySynth.generate(
        rows: synth.rows, k: synth.k, nas: synth.nas, seed: UInt64(synth.seed),
        isCancelled: context.isCancelled, progress: { progress("synth groupby", $0) })
      store(synth.name, Dataset(name: synth.name, table: table))
      return [.text(summary(synth.name, table))]
    case "cmle":
      return try synthesizeCMLE(options: options, span: span)
    default:
      throw SynthOptions.unknownGenerator(generator)
    }
  }
}

extension LoadOptions {
  /// The format of a `load` and its options for delimited files, checked as
  /// a run checks them: one reading for both running and `dsw check`.
  static func read(
    _ path: String, pathSpan: SourceSpan, options: [Option], parameters: [String: Value],
    formats: [any ExternalFormat], folderFormat: String? = nil
  ) throws(Diagnostic) -> (format: String, csv: CSVOptions) {
    let reader = try OptionReader(
      options, valid: OptionNames.load, context: "`load`", parameters: parameters)
    let format = try FileFormat.infer(
      path, span: pathSpan,
      explicit: reader.string(
        "format", allowed: ["csv", "tsv", "json", "jsonl"] + formats.map(\.name)) ?? folderFormat,
      formats: formats)
    if formats.contains(where: { $0.name == format }) {
      for name in csvOnly + ["types", "null"] where reader.has(name) {
        throw Diagnostic.error(
          "E232", "`\(name)` is for CSV, TSV and JSON files, not \(format)",
          at: reader.span(of: name),
          help: "\(format) files carry their own types and nulls; "
            + "\(format) loads take `columns` and `format`")
      }
    }
    let csvOptions = try csv(reader, tsv: format == "tsv")
    if format == "json" || format == "jsonl" {
      for name in csvOnly where reader.has(name) {
        throw Diagnostic.error(
          "E232", "`\(name)` is for CSV and TSV files, not JSON", at: reader.span(of: name),
          help: "JSON loads take `types`, `columns` and `null`")
      }
    }
    return (format, csvOptions)
  }
}

/// File formats, told by extension unless `format:` says otherwise.
enum FileFormat {
  /// A folder's files in an external format, found once.
  struct FolderFiles {
    var format: String
    var files: [ExternalFile]
  }

  /// The files of a folder (`load "lake/events/"`) in the first external
  /// format that has a file of its extension there, at any depth.
  static func ofFolder(
    _ path: String, resolved: String, formats: [any ExternalFormat], files: any FileAccess
  ) -> FolderFiles? {
    let span = SourceSpan(offset: 0, length: 0, line: 1, column: 1)
    guard (try? files.entries(of: resolved, span: span)) ?? nil != nil else { return nil }
    for format in formats {
      if let found = try? FileSet.expand(
        path, resolved: resolved, extensions: format.extensions, access: files, span: span),
        !found.isEmpty
      {
        return FolderFiles(format: format.name, files: found)
      }
    }
    return nil
  }

  /// The files an external load reads: the folder's when they were found
  /// already, so a folder is walked once.
  static func externalFiles(
    _ path: String, resolved: String, format: any ExternalFormat, folder: FolderFiles?,
    access: any FileAccess, span: SourceSpan
  ) throws(Diagnostic) -> [ExternalFile] {
    if let folder, folder.format == format.name { return folder.files }
    return try FileSet.expand(
      path, resolved: resolved, extensions: format.extensions, access: access, span: span)
  }

  static func infer(
    _ path: String, span: SourceSpan, explicit: String?, formats: [any ExternalFormat] = []
  ) throws(Diagnostic) -> String {
    if let explicit { return explicit }
    let lower = path.lowercased()
    for format in formats {
      // A glob or a folder of the format's files: `lake/*.parquet`, `lake/events/`.
      if format.extensions.contains(where: { lower.hasSuffix($0) }) { return format.name }
    }
    for (suffix, format) in [
      (".csv", "csv"), (".tsv", "tsv"), (".tab", "tsv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
      (".json", "json"), (".txt", "csv"),
    ] where lower.hasSuffix(suffix) {
      return format
    }
    throw Diagnostic.error(
      "E234", "cannot tell the format of \"\(path)\" from its extension", at: span,
      help: "add `(format: \"csv\")`; the formats are "
        + (["csv", "tsv", "json"] + ["jsonl"] + formats.map(\.name)).dropLast().joined(
          separator: ", ") + " and " + (formats.last?.name ?? "jsonl"))
  }
}
