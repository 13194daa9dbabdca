/// The customer-data statements: synth cmle, ingest, audiences, activation.
extension Session {
  func synthesizeCMLE(options: [Option], span: SourceSpan) throws(Diagnostic) -> [CellOutput] {
    let synth = try SynthOptions.cmle(options, parameters: parameters)
    // About 0.9 events per user-week; each event takes about 150 bytes
    // while it is simulated, sorted into time order and stored.
    try context.limits.admit(
      "this synth", rows: synth.users * synth.weeks * 9 / 10, bytesPerRow: 150, unit: "events",
      at: span,
      help:
        "generate fewer `users` or `weeks`, or raise the memory limit (`:set memory_limit`, `--memory-limit`)"
    )
    let progress = context.progress
    let generated: (profiles: Table, events: Table)
    do {
      generated = try CMLESynth.generate(
        users: synth.users, seed: UInt64(synth.seed), weeks: synth.weeks, start: synth.start,
        isCancelled: context.isCancelled, progress: { progress("synth cmle", $0) })
    } catch let diagnostic as Diagnostic {
      var located = diagnostic
      if located.span == nil { located.span = span }
      throw located
    } catch {
      throw Diagnostic.interrupted
    }
    let identities = CMLESynth.profileIdentities
    store(
      "profiles",
      Dataset(
        name: "profiles", table: generated.profiles, identities: identities, isProfileEnabled: true)
    )
    store(
      "events",
      Dataset(
        name: "events", table: generated.events,
        identities: [IdentityField(column: "userId", namespace: "ECID", isPrimary: true)]))
    let report = try profileStore.ingest(
      datasetName: "profiles", table: generated.profiles, by: "userId", namespace: "ECID",
      otherIdentities: identities.filter { !$0.isPrimary }, span: span)
    _ = report
    return [
      .text(
        [
          summary("profiles", generated.profiles), summary("events", generated.events),
          "profiles is profile-enabled (identity userId, namespace ECID): \(profileStore.personCount.formatted) profiles",
        ].joined(separator: "\n"))
    ]
  }

  func executeProfileStatement(_ statement: Statement) throws(Diagnostic) -> [CellOutput] {
    switch statement.kind {
    case .ingest(let name, let target, let column, let namespace):
      return try ingest(name, target: target, column: column, namespace: namespace)
    case .audience(let name, let pipeline):
      guard pipeline.source.text == "profile" else {
        throw Diagnostic.error(
          "E710", "an audience is a rule over `profile`, not over `\(pipeline.source.text)`",
          at: pipeline.source.span,
          help:
            "ingest the dataset into the profile first, then write `audience \(name.text) = from profile | ...`"
        )
      }
      let audience = Audience(name: name.text, pipeline: pipeline, source: currentSource)
      let members = try evaluate(audience)
      audiences[name.text] = audience
      if !audienceOrder.contains(name.text) { audienceOrder.append(name.text) }
      let total = try profileTable(span: pipeline.source.span).rowCount
      return [
        .text("audience \(name.text): \(members.rowCount.formatted) of \(total.formatted) profiles")
      ]
    case .audiences:
      return [.table(try audienceListing())]
    case .overlap(let first, let second):
      return [.table(try overlap(first, second))]
    case .activate(let name, let path, let pathSpan, let columns, let options):
      return try activate(name, path: path, pathSpan: pathSpan, columns: columns, options: options)
    default:
      return []
    }
  }

  /// The merged profile: one row per stitched person. Cached by store version.
  func profileTable(span: SourceSpan) throws(Diagnostic) -> Table {
    guard profileStore.personCount > 0 else {
      throw Diagnostic.error(
        "E711", "the profile is empty", at: span,
        help:
          "`synth cmle` makes a profile-enabled `profiles`; or `ingest DATASET into profile by COLUMN`"
      )
    }
    if let cached = profileCache, cached.version == profileStore.version { return cached.table }
    let table = profileStore.profileTable()
    profileCache = (profileStore.version, table)
    return table
  }

  private func ingest(_ name: Name, target: Name, column: Name, namespace: Name?)
    throws(Diagnostic) -> [CellOutput]
  {
    guard target.text == "profile" else {
      throw Diagnostic.error(
        "E712", "datasets are ingested into `profile`, not `\(target.text)`", at: target.span,
        help: "write `ingest \(name.text) into profile by \(column.text)`")
    }
    var dataset = try dataset(named: name)
    let report = try profileStore.ingest(
      datasetName: name.text, table: dataset.table, by: column.text, namespace: namespace?.text,
      span: column.span)
    let resolvedNamespace =
      namespace?.text ?? profileStore.identities.first { $0.column == column.text }?.namespace
      ?? column.text
    dataset.isProfileEnabled = true
    if !dataset.identities.contains(where: { $0.column == column.text }) {
      dataset.identities.append(
        IdentityField(
          column: column.text, namespace: resolvedNamespace, isPrimary: dataset.identities.isEmpty))
    }
    store(name.text, dataset)
    var lines = [
      "ingested \(name.text) into profile by \(column.text) (\(resolvedNamespace)): "
        + "\(report.updated.formatted) updated, \(report.created.formatted) created, \(report.unmatched.formatted) unmatched"
    ]
    if report.removed > 0 {
      lines.append("\(report.removed.formatted) profiles no longer present were removed")
    }
    if report.skippedRows > 0 {
      lines.append("\(report.skippedRows.formatted) rows had no identity and were skipped")
    }
    lines.append("profile: \(profileStore.personCount.formatted) profiles")
    return [.text(lines.joined(separator: "\n"))]
  }

  /// An audience's members now: its pipeline run over the current profile.
  func evaluate(_ audience: Audience) throws(Diagnostic) -> Table {
    let saved = currentSource
    currentSource = audience.source
    defer { currentSource = saved }
    return try runPipeline(audience.pipeline).table
  }

  func audience(named name: Name) throws(Diagnostic) -> Audience {
    guard let audience = audiences[name.text] else {
      throw UnknownName.audience(name.text, span: name.span, among: audienceOrder)
    }
    return audience
  }

  private func audienceListing() throws(Diagnostic) -> TableOutput {
    var rows: [[Value]] = []
    let total = profileStore.personCount
    for name in audienceOrder {
      guard let audience = audiences[name] else { continue }
      let size = try evaluate(audience).rowCount
      rows.append([
        .string(name), .int(Int64(size)),
        total > 0 ? .double((Double(size) / Double(total) * 1000).rounded() / 10) : .null,
        .string(audience.ruleText),
      ])
    }
    return TableOutput(
      columns: ["audience", "size", "pct_of_profiles", "rule"],
      types: [.string, .int, .double, .string], rows: rows, totalRows: rows.count)
  }

  /// The identity column audiences are compared and activated by.
  private func identityColumn(of members: Table, audience: Name) throws(Diagnostic) -> Column {
    members.columns[try profileStore.identityIndex(among: members.names, audience: audience)]
  }

  private func overlap(_ first: Name, _ second: Name) throws(Diagnostic) -> TableOutput {
    let a = try evaluate(try audience(named: first))
    let b = try evaluate(try audience(named: second))
    let keysA = try identityColumn(of: a, audience: first)
    let keysB = try identityColumn(of: b, audience: second)
    let inB = try HashJoin.hasMatch(
      left: [keysA], right: [keysB], leftCount: a.rowCount, rightCount: b.rowCount,
      limits: context.limits)
    let both = inB.filter { $0 }.count
    let rows: [[Value]] = [
      [.string("\(first.text) only"), .int(Int64(a.rowCount - both))],
      [.string("\(second.text) only"), .int(Int64(b.rowCount - both))],
      [.string("both"), .int(Int64(both))],
    ]
    return TableOutput(
      columns: ["segment", "size"], types: [.string, .int], rows: rows, totalRows: 3)
  }

  private func activate(
    _ name: Name, path: String, pathSpan: SourceSpan, columns: [Name]?, options: [Option]
  ) throws(Diagnostic) -> [CellOutput] {
    let reader = try OptionReader(
      options, valid: OptionNames.activate, context: "`activate`", parameters: parameters)
    let escape = try reader.bool("escape_formulas", default: true)
    let format = try FileFormat.infer(path, span: pathSpan, explicit: nil)
    let resolved = try context.sandbox.resolve(path, span: pathSpan, for: .write)
    let members = try evaluate(try audience(named: name))
    let identity = try profileStore.identityIndex(among: members.names, audience: name)
    var output = members
    if let columns {
      var chosen = [identity]
      for column in columns {
        guard let index = members.index(of: column.text) else {
          throw UnknownName.column(column.text, span: column.span, among: members.names)
        }
        if !chosen.contains(index) { chosen.append(index) }
      }
      output = members.selecting(chosen)
    }
    try context.files.write(
      parts: try textParts(output, format: format, escapeFormulas: escape), to: resolved,
      span: pathSpan)
    return [
      .text(
        "activated \(name.text): \(output.rowCount.formatted) members with \(output.columnCount) columns to \(path)"
      )
    ]
  }
}
