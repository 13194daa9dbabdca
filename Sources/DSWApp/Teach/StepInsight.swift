import DSWCore
import Foundation

/// What the tutor says about a step from the session itself, not from the
/// notebook's prose: which models compete and why one is used, what the
/// profile store holds before an ingest, what an ingest report's numbers
/// mean, and what an activation wrote where.
///
/// Everything here is worked out from the cell's parsed statements and the
/// session's state, so it holds for any notebook.
struct StepInsight {
  let session: Session

  /// The statements of `source`, or none when it does not parse.
  static func statements(_ source: String) -> [Statement] {
    (try? Parser.parseProgram(source))?.statements ?? []
  }

  /// The datasets a cell made that the session now holds, in order.
  func datasetsMade(by source: String) -> [String] {
    CellProducts(source: source).names.filter { session.datasets[$0] != nil }
  }

  // MARK: Models

  /// The latest version of every model, with its name.
  private var latestModels: [(name: String, model: TrainedModel)] {
    session.models.names.compactMap { name in
      let reference = ModelRef(name: Name(name, span: .unknown), version: nil)
      return (try? session.models.resolve(reference)).map { (name, $0) }
    }
  }

  /// The headline metric a model is judged by, and whether higher is better.
  private static func judge(_ model: TrainedModel) -> (name: String, value: Double, higher: Bool)? {
    for (name, higher) in [("AUC", true), ("RMSE", false), ("silhouette", true)] {
      if let metric = model.metrics.first(where: { $0.name == name }) {
        return (name, metric.value, higher)
      }
    }
    return nil
  }

  /// When a cell trains two or more models for the same target, which is
  /// better on the holdout, by each of the metrics they share.
  func comparison(afterTraining source: String) -> [String] {
    let trained = Self.statements(source).compactMap { statement -> String? in
      if case .train(let name, _, _, _) = statement.kind { return name.text }
      return nil
    }
    let models = latestModels.filter { trained.contains($0.name) }
    guard models.count >= 2, let first = models.first,
      models.allSatisfy({
        $0.model.target == first.model.target && $0.model.task == first.model.task
      })
    else { return [] }
    var lines: [String] = []
    let listed = models.map { entry -> String in
      // The threshold-free metrics come first; two are enough to compare.
      let metrics = entry.model.metrics.prefix(2).map { "\($0.name) \(Self.format($0.value))" }
      return "`\(entry.name)` (\(entry.model.algorithm.rawValue)): "
        + metrics.joined(separator: ", ")
    }
    lines.append(
      "\(models.count) models on the same holdout — " + listed.joined(separator: "; ") + ".")
    guard let best = best(among: models) else { return lines }
    var reasons: [String] = []
    for metric in first.model.metrics {
      let higher = !["log loss", "RMSE", "MAE", "MAPE"].contains(metric.name)
      let values = models.compactMap { entry in
        entry.model.metrics.first { $0.name == metric.name }.map { (entry.name, $0.value) }
      }
      guard values.count == models.count,
        let winner =
          (higher
            ? values.max { $0.1 < $1.1 } : values.min { $0.1 < $1.1 })
      else { continue }
      if winner.0 == best.name { reasons.append(metric.name) }
    }
    guard let judged = Self.judge(best.model) else { return lines }
    lines.append(
      "By \(judged.name), the headline for this task, `\(best.name)` is the better model"
        + (reasons.count > 1
          ? " (it also wins on "
            + reasons.filter { $0 != judged.name }
            .joined(separator: ", ") + ")" : "")
        + ". Accuracy and precision depend on the threshold, so compare models by "
        + (judged.higher ? "AUC and log loss" : "their errors") + " first; `evaluate` shows "
        + "each one's calibration, which decides whether its scores can be read as probabilities.")
    return lines
  }

  private func best(among models: [(name: String, model: TrainedModel)])
    -> (name: String, model: TrainedModel)?
  {
    let judged = models.compactMap { entry in Self.judge(entry.model).map { (entry, $0) } }
    guard let first = judged.first else { return nil }
    return judged.dropFirst().reduce(first) { best, next in
      let better = next.1.higher ? next.1.value > best.1.value : next.1.value < best.1.value
      return better ? next : best
    }.0
  }

  /// Before a `score MODEL` runs: which model it uses, and whether another
  /// model for the same target did better on the holdout.
  func scoringChoice(in source: String) -> [String] {
    var used: [String] = []
    for statement in Self.statements(source) {
      let pipeline: Pipeline?
      switch statement.kind {
      case .letBinding(_, let value), .pipeline(let value), .audience(_, let value):
        pipeline = value
      default: pipeline = nil
      }
      for transform in pipeline?.transforms ?? [] {
        if case .score(let step) = transform.kind { used += step.models.map(\.name.text) }
      }
    }
    var lines: [String] = []
    let models = latestModels
    for name in used {
      guard let chosen = models.first(where: { $0.name == name }),
        let judged = Self.judge(chosen.model)
      else { continue }
      let rivals = models.filter {
        $0.name != name && $0.model.target == chosen.model.target
          && $0.model.task == chosen.model.task
      }
      guard !rivals.isEmpty, let best = best(among: [chosen] + rivals) else { continue }
      let others = rivals.compactMap { rival in
        Self.judge(rival.model).map { "`\(rival.name)` \(Self.format($0.value))" }
      }
      if best.name == name {
        lines.append(
          "This scores with `\(name)`, the best of the models trained for "
            + "`\(chosen.model.target ?? "?")` by holdout \(judged.name): "
            + "\(Self.format(judged.value)) against " + others.joined(separator: ", ") + ".")
      } else if let bestJudged = Self.judge(best.model) {
        lines.append(
          "Note: this scores with `\(name)` (\(judged.name) \(Self.format(judged.value))), "
            + "although `\(best.name)` did better on the holdout "
            + "(\(Self.format(bestJudged.value))). A weaker model can be the right choice — better "
            + "calibrated, simpler to explain, cheaper to run — but the notebook should say why.")
      }
    }
    return lines
  }

  // MARK: The profile

  /// Before an `ingest`: what the profile store is, what it holds now, and
  /// what the ingest will add, from the session.
  func beforeIngest(in source: String) -> [String] {
    let ingests = Self.statements(source).compactMap { statement -> (Name, Name, Name?)? in
      if case .ingest(let name, _, let column, let namespace) = statement.kind {
        return (name, column, namespace)
      }
      return nil
    }
    guard let (dataset, column, namespace) = ingests.first else { return [] }
    let enabled = session.datasetOrder.compactMap { session.datasets[$0] }
      .filter(\.isProfileEnabled)
    let identities = session.profileStore.identities
    var lines: [String] = []
    if enabled.isEmpty {
      lines.append(
        "The **profile store** (`profile`) is empty so far: no dataset is profile-enabled yet. "
          + "This ingest makes `\(dataset.text)` the first, and each of its rows a person.")
    } else {
      let sources = enabled.map { dataset in
        let keys = dataset.identities.map { "`\($0.column)` (namespace \($0.namespace))" }
        return "`\(dataset.name)`" + (keys.isEmpty ? "" : " by " + keys.joined(separator: ", "))
      }
      lines.append(
        "The **profile store**, read as `profile`, holds one row per person: "
          + "\(session.profileStore.personCount.formatted) people now. It merges every "
          + "profile-enabled dataset — here " + sources.joined(separator: ", ") + ". ")
      lines.append(
        "A person is found by **identity**: a column that says who a row is about. Its "
          + "**namespace** says what kind of identifier it is"
          + (identities.first.map {
            " (\($0.namespace) for `\($0.column)`" + Self.glossary($0.namespace) + ")"
          } ?? "")
          + ", so that an e-mail address is never mistaken for a device id. Rows of any "
          + "dataset with the same identity in the same namespace are one person.")
    }
    if session.datasets["profile"] == nil,
      let generated = enabled.first(where: { $0.name != "profile" }),
      generated.name.hasPrefix("profile")
    {
      lines.append(
        "Mind the names: `\(generated.name)` is a dataset; `profile` is the store built from "
          + "it, which this ingest writes into and audiences read.")
    }
    if let table = session.datasets[dataset.text]?.table {
      let attributes = table.names.filter { $0 != column.text }
      let shown = attributes.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
      let namespaceWords =
        namespace.map { " in the namespace \($0.text)" }
        ?? (identities.first { $0.column == column.text }.map { " (\($0.namespace))" } ?? "")
      lines.append(
        "This step matches each row of `\(dataset.text)` to a person by `\(column.text)`"
          + namespaceWords + " and adds its other columns as profile attributes: " + shown
          + (attributes.count > 6 ? ", …" : "") + ".")
    }
    return lines
  }

  /// After an `ingest`: its report, number by number.
  static func ingestReport(_ outputs: [CellOutput]) -> [String] {
    for case .text(let text) in outputs {
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ingested ") }),
        let updated = number(before: " updated", in: line),
        let created = number(before: " created", in: line),
        let unmatched = number(before: " unmatched", in: line)
      else { continue }
      var lines = [
        "Reading the report: **\(updated.formatted) updated** — people already in the profile "
          + "who had a row here, and now carry its columns. **\(created.formatted) created** — "
          + "rows whose identity the profile did not know; each became a new person. "
          + "**\(unmatched.formatted) unmatched** — people in the profile with no row here; they "
          + "keep what they had and get nulls for the new attributes."
      ]
      if created == 0 && unmatched == 0 {
        lines.append("Every person was matched, and no one new appeared: the two sides agree.")
      }
      return lines
    }
    return []
  }

  private static func number(before word: String, in line: Substring) -> Int? {
    guard let range = line.range(of: word) else { return nil }
    let digits = line[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
    return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
  }

  // MARK: Activation

  /// After an `activate`: the columns each file holds, and where it is.
  func activations(in source: String) -> [String] {
    var lines: [String] = []
    for statement in Self.statements(source) {
      guard case .activate(let audience, let path, _, let chosen, _) = statement.kind else {
        continue
      }
      guard let resolved = try? session.context.sandbox.resolve(path, span: .unknown) else {
        continue
      }
      let columns = Self.columns(ofFileAt: resolved, files: session.context.files)
      var text = "`\(audience.text)` went to \(resolved)"
      if !columns.isEmpty {
        text +=
          ", \(columns.count.counting("column")): "
          + columns.map { "`\($0)`" }.joined(separator: ", ") + "."
        let personal = columns.filter { name in
          ["email", "firstname", "lastname", "phone", "address"].contains {
            name.lowercased().contains($0)
          }
        }
        let named = personal.map { "`\($0)`" }.joined(separator: ", ")
        if !personal.isEmpty, chosen == nil {
          text +=
            " Without `with`, that is every column of the audience, personal data (" + named
            + ") included: send a destination only the columns it needs, with `with [...]`."
        } else if !personal.isEmpty {
          text += " The personal data in it (" + named + ") is there because `with` asked for it."
        }
      } else {
        text += "."
      }
      lines.append(text)
    }
    return lines
  }

  /// The column names in the first line of a CSV or JSON Lines file.
  static func columns(ofFileAt path: String, files: any FileAccess) -> [String] {
    let firstLine: [UInt8]? = try? files.withContents(of: path, span: .unknown) { buffer in
      Array(buffer.prefix { $0 != UInt8(ascii: "\n") })
    }
    guard let firstLine, !firstLine.isEmpty else { return [] }
    if path.hasSuffix(".csv") {
      return String(decoding: firstLine, as: UTF8.self).split(separator: ",")
        .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) }
    }
    guard let node = try? JSONParser.parseNode(bytes: firstLine),
      case .object(let members) = node.content
    else { return [] }
    return members.map(\.key)
  }

  /// What the common identity namespaces are, for ", an id …" after a name.
  static func glossary(_ namespace: String) -> String {
    switch namespace.lowercased() {
    case "ecid": ": the Experience Cloud ID, one per browser or device"
    case "email": ": an e-mail address"
    case "phone": ": a phone number"
    case "crm id", "crmid": ": the customer's id in the CRM"
    default: ""
    }
  }

  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    return abs(value) >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
  }
}
