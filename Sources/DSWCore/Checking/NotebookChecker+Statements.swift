/// The statements whose schemas come from outside a pipeline: generators,
/// files, models and the profile.
extension NotebookChecker {
  mutating func synthesize(_ generator: Name, options: [Option]) throws(Diagnostic) {
    switch generator.text {
    case "groupby":
      let synth = try SynthOptions.groupBy(options, parameters: environment.parameters)
      environment.define(synth.name, .known(GroupBySynth.schema))
    case "cmle":
      _ = try SynthOptions.cmle(options, parameters: environment.parameters)
      guard let schemas = CMLESynth.schemas else {
        for name in ["profiles", "events"] {
          environment.define(name, .unknown(reason: "the generator failed"))
        }
        return
      }
      environment.define("profiles", .known(schemas.profiles))
      environment.define("events", .known(schemas.events))
      let identities = CMLESynth.profileIdentities
      _ = try environment.profileStore.ingest(
        datasetName: "profiles", table: schemas.profiles.emptyTable, by: "userId",
        namespace: "ECID", otherIdentities: identities.filter { !$0.isPrimary })
    default:
      throw SynthOptions.unknownGenerator(generator)
    }
  }

  /// A loaded file's schema from a sample of it; unknown when it cannot be read.
  func sample(_ path: String, pathSpan: SourceSpan, options: [Option]) throws(Diagnostic)
    -> CheckingEnvironment.Shape
  {
    let resolved = try sandbox.resolve(path, span: pathSpan)
    let folder = FileFormat.ofFolder(path, resolved: resolved, formats: formats, files: files)
    let (format, csv) = try LoadOptions.read(
      path, pathSpan: pathSpan, options: options, parameters: environment.parameters,
      formats: formats, folderFormat: folder?.format)
    if let external = formats.first(where: { $0.name == format }) {
      do throws(Diagnostic) {
        let files = try FileFormat.externalFiles(
          path, resolved: resolved, format: external, folder: folder, access: files,
          span: pathSpan)
        return .known(
          try external.open(
            files, columns: csv.columns, access: self.files, limits: .none, span: pathSpan
          ).schema)
      } catch {
        return .unknown(reason: error.message)
      }
    }
    let sampled: Result<Schema, Diagnostic>
    do throws(Diagnostic) {
      sampled = try files.withContents(of: resolved, span: pathSpan) { bytes in
        FileSample.schema(bytes, format: format, csv: csv)
      }
    } catch {
      return .unknown(reason: error.message)
    }
    switch sampled {
    case .success(let schema): return .known(schema)
    case .failure(let error): return .unknown(reason: "\(path) cannot be sampled: \(error.message)")
    }
  }

  /// A saved model's features and task, when its file is in the sandbox.
  func readModel(_ path: String, pathSpan: SourceSpan) throws(Diagnostic)
    -> CheckingEnvironment.ModelShape
  {
    let resolved = try sandbox.resolve(path, span: pathSpan)
    do throws(Diagnostic) {
      let model = try files.withContents(of: resolved, span: pathSpan) {
        (bytes) throws(Diagnostic) -> TrainedModel in
        try ModelCodec.decode(Array(bytes))
      }
      return .init(
        features: model.features.map(\.name), task: model.task, algorithm: model.algorithm)
    } catch {
      return .init(features: nil, task: nil)
    }
  }

  mutating func ingest(_ name: Name, target: Name, column: Name, namespace: Name?)
    throws(Diagnostic) -> String?
  {
    guard target.text == "profile" else {
      throw Diagnostic.error(
        "E712", "datasets are ingested into `profile`, not `\(target.text)`", at: target.span,
        help: "write `ingest \(name.text) into profile by \(column.text)`")
    }
    guard case .known(let schema) = try environment.shape(name) else {
      environment.unknownProfile = "the columns of `\(name.text)` are not known"
      return "the profile is not checked: the columns of `\(name.text)` are not known"
    }
    _ = try environment.profileStore.ingest(
      datasetName: name.text, table: schema.emptyTable, by: column.text,
      namespace: namespace?.text, span: column.span)
    return nil
  }

  mutating func audience(_ name: Name, pipeline: Pipeline, planner: PipelinePlanner)
    throws(Diagnostic) -> String?
  {
    guard pipeline.source.text == "profile" else {
      throw Diagnostic.error(
        "E710", "an audience is a rule over `profile`, not over `\(pipeline.source.text)`",
        at: pipeline.source.span,
        help:
          "ingest the dataset into the profile first, then write `audience \(name.text) = from profile | ...`"
      )
    }
    if !environment.audienceOrder.contains(name.text) {
      environment.audienceOrder.append(name.text)
    }
    if let reason = try environment.unknownInput(of: pipeline) {
      environment.audiences[name.text] = .unknown(reason: reason)
      return "audience `\(name.text)` is not checked: \(reason)"
    }
    let schema = try planner.check(pipeline)
    environment.audiences[name.text] =
      schema.map { .known($0) } ?? .unknown(reason: "`pivot` makes its columns from the data")
    return nil
  }

  /// An audience that `overlap` or `activate` uses must keep an identity
  /// column, as the run requires (E714).
  func checkIdentity(of name: Name) throws(Diagnostic) {
    if case .known(let schema) = try audienceShape(name) {
      _ = try environment.profileStore.identityIndex(among: schema.names, audience: name)
    }
  }

  func audienceShape(_ name: Name) throws(Diagnostic) -> CheckingEnvironment.Shape {
    guard let shape = environment.audiences[name.text] else {
      throw UnknownName.audience(name.text, span: name.span, among: environment.audienceOrder)
    }
    return shape
  }
}

/// What `dsw check` can tell about a model before it is trained.
enum ModelTraining {
  /// The features a `train` would use: the `features:` list, or the input's
  /// columns minus the target and `exclude:`. The task is known for the
  /// algorithms that have one; `gbt`'s depends on the target's values.
  static func shape(algorithm: Name, arguments: [Option], input: CheckingEnvironment.Shape)
    -> CheckingEnvironment.ModelShape
  {
    let kind = ModelAlgorithm(rawValue: algorithm.text)
    let task: ModelTask? =
      switch kind {
      case .logistic: .binaryClassification
      case .linear: .regression
      case .kmeans: .clustering
      case .bgnbd: .purchases
      case .gammaGamma: .spend
      case .gbt, nil: nil
      }
    func names(_ option: String) -> [String]? {
      guard let value = arguments.first(where: { $0.name.text == option })?.value else {
        return nil
      }
      switch value.kind {
      case .name(let text): return [text]
      case .literal(.string(let text)): return [text]
      case .list(let items):
        return items.compactMap { item in
          switch item.kind {
          case .name(let text): text
          case .literal(.string(let text)): text
          default: nil
          }
        }
      default: return nil
      }
    }
    if let kind, let roles = LifetimeTraining.roles(kind) {
      // A lifetime model's features are its role columns, in role order.
      let columns = roles.compactMap { names($0)?.first }
      return .init(
        features: columns.count == roles.count ? columns : nil, task: task, algorithm: kind)
    }
    if let features = names("features") {
      return .init(features: features, task: task, algorithm: kind)
    }
    guard case .known(let schema) = input else {
      return .init(features: nil, task: task, algorithm: kind)
    }
    let dropped = Set((names("target") ?? []) + (names("exclude") ?? []) + (names("split") ?? []))
    return .init(
      features: schema.names.filter { !dropped.contains($0) }, task: task, algorithm: kind)
  }
}
