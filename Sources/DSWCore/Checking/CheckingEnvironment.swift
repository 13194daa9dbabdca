/// The catalog as `dsw check` knows it: schemas instead of tables, and
/// models by their features, so pipelines are planned without running.
///
/// A dataset whose schema cannot be known (its file is missing) is listed
/// with the reason, so the cells that use it are skipped, not failed.
struct CheckingEnvironment: SchemaEnvironment {
  enum Shape {
    case known(Schema)
    case unknown(reason: String)
  }

  /// What a model is known to need and add; nil features: a model whose
  /// file could not be read.
  struct ModelShape {
    var features: [String]?
    var task: ModelTask?
    /// Nil when the training could not be checked.
    var algorithm: ModelAlgorithm? = nil
  }

  var datasets: [String: Shape] = [:]
  /// Connections made by `connect`: their tables are known only at run time.
  var connections: Set<String> = []
  var datasetOrder: [String] = []
  var parameters: [String: Value] = [:]
  /// Each model's versions, oldest first.
  var models: [String: [ModelShape]] = [:]
  var modelOrder: [String] = []
  /// The profile store, fed empty tables of the ingested schemas.
  var profileStore = ProfileStore()
  /// Why the profile's schema is unknown, once an ingest could not be checked.
  var unknownProfile: String?
  var audiences: [String: Shape] = [:]
  var audienceOrder: [String] = []

  mutating func define(_ name: String, _ shape: Shape) {
    if datasets[name] == nil { datasetOrder.append(name) }
    datasets[name] = shape
  }

  mutating func remove(_ name: String) {
    datasets[name] = nil
    datasetOrder.removeAll { $0 == name }
  }

  mutating func defineModel(_ name: String, _ shape: ModelShape) {
    if models[name] == nil { modelOrder.append(name) }
    models[name, default: []].append(shape)
  }

  /// The shape of `name`, or the error a run would report for it.
  func shape(_ name: Name) throws(Diagnostic) -> Shape {
    if name.text == "profile", datasets["profile"] == nil {
      if let unknownProfile { return .unknown(reason: unknownProfile) }
      guard profileStore.personCount > 0 || !profileStore.identities.isEmpty else {
        throw Diagnostic.error(
          "E711", "the profile is empty", at: name.span,
          help:
            "`synth cmle` makes a profile-enabled `profiles`; or `ingest DATASET into profile by COLUMN`"
        )
      }
      return .known(Schema(of: profileStore.profileTable()))
    }
    guard let shape = datasets[name.text] else {
      if let connection = RemoteName.connection(of: name.text), connections.contains(connection) {
        return .unknown(reason: "its columns are read from connection `\(connection)` when it runs")
      }
      throw UnknownName.dataset(name.text, span: name.span, among: datasetOrder)
    }
    return shape
  }

  func schema(_ name: Name) throws(Diagnostic) -> Schema {
    switch try shape(name) {
    case .known(let schema): return schema
    // The checker skips pipelines over unknown schemas before planning them.
    case .unknown: return Schema([])
    }
  }

  func model(_ reference: ModelRef) throws(Diagnostic) -> ModelShape {
    guard let versions = models[reference.name.text], let latest = versions.last else {
      throw LearnDiagnostics.unknownModel(
        reference.name.text, known: modelOrder, at: reference.name.span)
    }
    guard let version = reference.version else { return latest }
    guard version >= 1 && version <= versions.count else {
      throw LearnDiagnostics.unknownVersion(
        reference.name.text, version: version, versions: Array(1...versions.count),
        at: reference.name.span)
    }
    return versions[version - 1]
  }

  func scoreFields(_ step: ScoreStep, input: Schema) throws(Diagnostic) -> [Schema.Field] {
    let scored = try step.models.map { (reference) throws(Diagnostic) in
      let shape = try model(reference)
      return ScoreColumns.Scored(
        reference: reference, features: shape.features ?? [], task: shape.task,
        algorithm: shape.algorithm)
    }
    let options = try ScoreColumns.Options(step.options, parameters: parameters)
    return try ScoreColumns.fields(
      scored, options: options, input: input, span: step.models.first?.name.span)
  }

  /// Why `pipeline` cannot be planned yet: a dataset it reads, or a model it
  /// scores with, whose schema is unknown. Nil when everything is known.
  func unknownInput(of pipeline: Pipeline) throws(Diagnostic) -> String? {
    var names = [pipeline.source]
    for transform in pipeline.transforms {
      switch transform.kind {
      case .join(_, let dataset, _): names.append(dataset)
      case .append(let dataset): names.append(dataset)
      case .score(let step):
        for reference in step.models {
          if let shape = try? model(reference), shape.features == nil {
            return "the features of model `\(reference.name.text)` are not known"
          }
        }
      default: break
      }
    }
    for name in names {
      if case .unknown(let reason) = try shape(name) {
        return "the columns of `\(name.text)` are not known (\(reason))"
      }
    }
    return nil
  }
}

extension Schema {
  /// A table with these columns and no rows, for code that reads a table's shape.
  var emptyTable: Table {
    Table(names: names, columns: fields.map { Column.nulls($0.type, count: 0) }, rowCount: 0)
  }
}

extension CheckingEnvironment {
  /// Throws R010 unless `connect` made `name` earlier.
  func connection(_ name: Name) throws(Diagnostic) {
    guard connections.contains(name.text) else {
      throw RemoteName.unknownConnection(name, among: connections.sorted())
    }
  }
}
