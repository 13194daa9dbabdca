import Foundation

/// Executing statements: each returns the outputs it reports.
extension Session {
  func execute(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    switch statement.kind {
    case .param(let name, let value):
      return try declareParameter(name, value)
    case .synth(let generator, let options):
      return try synthesize(generator, options: options, span: statement.span)
    case .load(let path, let pathSpan, let name, let options):
      return try load(path, pathSpan: pathSpan, as: name, options: options)
    case .letBinding(let name, let pipeline):
      let result = try runPipeline(pipeline)
      store(name.text, Dataset(name: name.text, table: result.table))
      return [.text(summary(name.text, result.table))] + displayOutputs(result, showTable: false)
    case .pipeline(let pipeline):
      return displayOutputs(try runPipeline(pipeline), showTable: true)
    case .datasets:
      return [.table(datasetListing())]
    case .schema(let name):
      if let listed = datasets[name.text], listed.external != nil {
        return [.table(schemaListing(listed))]
      }
      if let remote = try remoteTable(name) { return [.table(remoteSchemaListing(remote))] }
      return [.table(schemaListing(try dataset(named: name)))]
    case .describe(let name):
      return [
        .table(try ColumnProfiler.describe(try dataset(named: name).table, limits: context.limits))
      ]
    case .correlate(let name, let columns):
      return [
        .table(
          try Correlation.matrix(try dataset(named: name).table, columns: columns, span: name.span))
      ]
    case .expect(let name, let conditions):
      let table = try dataset(named: name).table
      let planner = PipelinePlanner(environment: environment, source: currentSource)
      let (step, _) = try planner.plan(
        Transform(.expect(conditions), span: statement.span), input: Schema(of: table))
      guard case .expect(let plans) = step else { return [] }
      try Expectations.check(plans, table: table, span: statement.span)
      let noun = plans.count == 1 ? "expectation holds" : "expectations hold"
      return [.text("✓ \(plans.count) \(noun) on \(table.rowCount.formatted) rows of \(name.text)")]
    case .funnel(let name, let options):
      return [
        .table(
          try Funnel.run(
            try dataset(named: name).table, options: options, parameters: parameters,
            span: name.span))
      ]
    case .export(let name, let path, let pathSpan, let options):
      return try export(try dataset(named: name), path: path, pathSpan: pathSpan, options: options)
    case .drop(let name):
      _ = try dataset(named: name)
      removeDataset(name.text)
      return [.text("dropped \(name.text)")]
    case .train, .evaluate, .models, .saveModel, .loadModel, .explain:
      return try executeModelStatement(statement)
    case .tune, .runs, .compare:
      return try executeRunStatement(statement)
    case .ingest, .audience, .audiences, .overlap, .activate:
      return try executeProfileStatement(statement)
    case .connect, .connections, .disconnect, .remoteDatasets, .sqlQuery, .exportToEngine:
      return try executeRemoteStatement(statement)
    }
  }

  /// The environment pipelines see: this session's datasets and models.
  var environment: SessionEnvironment { SessionEnvironment(session: self) }

  func runPipeline(_ pipeline: Pipeline) throws(Diagnostic) -> PipelineResult {
    if let remote = try remoteTable(pipeline.source) {
      return try runRemote(pipeline, on: remote)
    }
    return try PipelineExecutor(environment: environment, source: currentSource).run(pipeline)
  }

  func displayOutputs(_ result: PipelineResult, showTable: Bool) -> [CellOutput] {
    result.notes.map { CellOutput.text($0) } + displayOutputs(of: result, showTable: showTable)
  }

  private func displayOutputs(of result: PipelineResult, showTable: Bool) -> [CellOutput] {
    switch result.display {
    case .table: showTable ? [.table(TableOutput(result.table, limit: context.maxRows))] : []
    case .chart(let chart): [.chart(chart)]
    case .describe(let profile): [.table(profile)]
    }
  }

  func summary(_ name: String, _ table: Table) -> String {
    "\(name): \(table.rowCount.counting("row")) × \(table.columnCount.counting("column"))"
  }

  // MARK: - Parameters

  private func declareParameter(_ name: Name, _ expr: Expr) throws(Diagnostic) -> [CellOutput] {
    let declared = try ParameterValue.evaluate(expr, parameters: parameters)
    guard let override = parameterOverrides[name.text] else {
      parameters[name.text] = declared
      return []
    }
    let value = try ParameterValue.convert(
      override, like: declared, name: name.text, span: name.span)
    parameters[name.text] = value
    // Said the same way whether the value came from `-p` or from the
    // executed notebook's metadata, so a replay matches the recorded output.
    return [
      .text(
        "\(name.text) = \(parameterText(value)) (set for this run; "
          + "the cell declares \(parameterText(declared)))")
    ]
  }

  /// A parameter's value as a `param` statement would write it.
  private func parameterText(_ value: Value) -> String {
    if case .string(let text) = value { return JSONWriter.quoted(text) }
    return ValueText.plain(value)
  }

  // MARK: - Listings

  func datasetListing() -> TableOutput {
    let rows: [[Value]] = datasetOrder.compactMap { name in
      guard let dataset = datasets[name] else { return nil }
      return [
        .string(name), .int(Int64(dataset.rowCount)), .int(Int64(dataset.table.columnCount)),
        .string(
          dataset.external.map {
            MemorySize.text($0.cachedBytes) + ", \(MemorySize.text($0.bytesRead)) read from files"
          } ?? MemorySize.text(dataset.table.memoryBytes)),
        .string(dataset.isProfileEnabled ? "profile" : ""),
      ]
    }
    return TableOutput(
      columns: ["name", "rows", "columns", "memory", "role"],
      types: [.string, .int, .int, .string, .string], rows: rows, totalRows: rows.count)
  }

  func schemaListing(_ dataset: Dataset) -> TableOutput {
    let rows: [[Value]] = zip(dataset.table.names, dataset.table.columns).map { name, column in
      let identity = dataset.identities.first { $0.column == name }
      let group =
        name.contains(".") ? String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) : ""
      return [
        .string(name), .string(column.type.rawValue),
        dataset.external.map { $0.nullCount(of: name).map { .int(Int64($0)) } ?? .null }
          ?? .int(Int64(column.nullCount)),
        .string(identity.map { $0.namespace + ($0.isPrimary ? " (primary)" : "") } ?? ""),
        .string(group),
      ]
    }
    return TableOutput(
      columns: ["field", "type", "nulls", "identity", "group"],
      types: [.string, .string, .int, .string, .string], rows: rows, totalRows: rows.count)
  }
}

/// Human-readable byte counts.
public enum MemorySize {
  public static func text(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
  }
}
