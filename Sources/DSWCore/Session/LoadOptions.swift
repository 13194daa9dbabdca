/// Reads `load`'s options into `CSVOptions`, and applies the ones JSON shares.
enum LoadOptions {
  /// The options that only delimited files take.
  static let csvOnly = [
    "delimiter", "header", "on_error", "skip", "comment", "quote", "escape", "decimal",
    "date_format",
  ]

  static func csv(_ reader: OptionReader, tsv: Bool) throws(Diagnostic) -> CSVOptions {
    var options = tsv ? CSVOptions.tsv : CSVOptions()
    if let delimiter = try byte(reader, "delimiter") { options.delimiter = delimiter }
    options.header = try reader.bool("header", default: true)
    if try reader.string("on_error", allowed: ["fail", "skip"]) == "skip" {
      options.onError = .skip
    }
    options.skipLines = try reader.int("skip", default: 0, range: 0...1_000_000_000)
    options.comment = try byte(reader, "comment")
    if let quote = try byte(reader, "quote") {
      options.quote = quote
      options.escape = quote
    }
    if let escape = try byte(reader, "escape") { options.escape = escape }
    if let decimal = try byte(reader, "decimal") {
      guard decimal == UInt8(ascii: ".") || decimal == UInt8(ascii: ",") else {
        throw Diagnostic.error(
          "E232", "`decimal` must be \".\" or \",\"", at: reader.span(of: "decimal"))
      }
      guard decimal != options.delimiter else {
        throw Diagnostic.error(
          "E232", "`decimal` cannot be the delimiter", at: reader.span(of: "decimal"),
          help: "a file with `1,5` for one and a half separates fields with another character, "
            + "such as `delimiter: \";\"`")
      }
      options.decimal = decimal
    }
    if let format = try reader.string("date_format") {
      guard DateFormat(format) != nil else {
        throw Diagnostic.error(
          "E232",
          "`date_format` must use %Y, %m and %d (and may use %H, %M, %S), such as \"%d/%m/%Y\"",
          at: reader.span(of: "date_format"))
      }
      options.dateFormat = format
    }
    try nulls(reader, into: &options)
    try types(reader, into: &options)
    if let names = try reader.names("columns") {
      options.columns = names.map(\.text)
      for name in names { options.spans["columns \(name.text)"] = name.span }
    }
    return options
  }

  /// `null: ["NA", "-"]` for every column, or `null: {score: ["NA"]}` per column.
  private static func nulls(_ reader: OptionReader, into options: inout CSVOptions)
    throws(Diagnostic)
  {
    guard let expr = reader.expression("null") else { return }
    guard case .dictionary(let entries) = expr.kind else {
      options.nullMarkers = try reader.strings(expr, what: "`null`")
      return
    }
    for entry in entries {
      options.columnNullMarkers[entry.name.text] = try reader.strings(
        entry.value, what: "`null` of `\(entry.name.text)`")
      options.spans["null \(entry.name.text)"] = entry.name.span
    }
  }

  /// `types: {zip: "string", amount: "double"}`.
  private static func types(_ reader: OptionReader, into options: inout CSVOptions)
    throws(Diagnostic)
  {
    let example = "{zip: \"string\", amount: \"double\"}"
    guard let entries = try reader.dictionary("types", example: example) else { return }
    let names = DataType.allCases.map(\.rawValue)
    for entry in entries {
      guard case .string(let text) = try reader.constant(entry.value),
        let type = DataType(rawValue: text)
      else {
        throw Diagnostic.error(
          "E232",
          "the type of `\(entry.name.text)` must be one of "
            + names.map { "\"\($0)\"" }.joined(separator: ", "),
          at: entry.value.span,
          help: (try? reader.constant(entry.value)).flatMap {
            if case .string(let text) = $0 { UnknownName.suggestion(text, names) } else { nil }
          })
      }
      options.types[entry.name.text] = type
      options.spans["types \(entry.name.text)"] = entry.name.span
    }
  }

  private static func byte(_ reader: OptionReader, _ name: String) throws(Diagnostic) -> UInt8? {
    guard let text = try reader.string(name) else { return nil }
    guard text.utf8.count == 1, let byte = text.utf8.first,
      byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r")
    else {
      throw Diagnostic.error(
        "E232", "`\(name)` must be a single character", at: reader.span(of: name))
    }
    return byte
  }

  /// `columns`, `null` and `types` on a table read from JSON, after the read:
  /// JSON files are small next to the CSVs the fast path is for.
  static func apply(_ options: CSVOptions, to table: Table) throws(Diagnostic) -> Table {
    let names = table.names
    func check(_ name: String, _ option: String) throws(Diagnostic) {
      guard names.contains(name) else {
        var error = LoadDiagnostics.unknownColumn(name, option: option, known: names)
        error.span = options.spans["\(option) \(name)"]
        throw error
      }
    }
    for name in options.columnNullMarkers.keys.sorted() { try check(name, "null") }
    for name in options.types.keys.sorted() { try check(name, "types") }
    var pairs: [(String, Column)] = []
    for (name, original) in zip(names, table.columns) {
      var column = original
      let markers = options.columnNullMarkers[name] ?? options.nullMarkers
      if !markers.isEmpty, case .string(let codes, let dictionary) = column.storage {
        var validity = column.validity ?? Bitmap(count: column.count, value: true)
        let nullCodes = Set(
          dictionary.strings.indices.filter { markers.contains(dictionary.strings[$0]) })
        for row in codes.indices where codes[row] >= 0 && nullCodes.contains(Int(codes[row])) {
          validity.clear(row)
        }
        column = Column(storage: column.storage, validity: validity)
      }
      if let type = options.types[name] {
        let span =
          options.spans["types \(name)"] ?? SourceSpan(offset: 0, length: 0, line: 1, column: 1)
        column = try Cast.apply(column, to: type, span: span)
      }
      pairs.append((name, column))
    }
    guard let columns = options.columns else { return Table(pairs) }
    for name in columns { try check(name, "columns") }
    return Table(columns.compactMap { name in pairs.first { $0.0 == name } })
  }
}
