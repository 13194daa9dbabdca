/// One notebook's live state: the catalog of datasets, parameters, models,
/// the profile store and audiences; and the statements that change them.
///
/// Cells run against one session in order. A session is used from one
/// thread at a time; interruption arrives through `context.isCancelled`.
public final class Session {
  public var context: SessionContext
  public internal(set) var datasets: [String: Dataset] = [:]
  /// Dataset names in order of creation, for listings.
  public internal(set) var datasetOrder: [String] = []
  public internal(set) var parameters: [String: Value] = [:]
  /// `-p NAME=VALUE` overrides, as typed; applied when `param NAME` runs.
  public var parameterOverrides: [String: String] = [:]
  /// The profile store: every profile-enabled dataset merged by identity.
  public internal(set) var profileStore = ProfileStore()
  var profileCache: (version: Int, table: Table)?
  public internal(set) var audiences: [String: Audience] = [:]
  public internal(set) var audienceOrder: [String] = []
  /// Trained and loaded models, by name and version.
  public internal(set) var models = ModelRegistry()
  /// Connections to remote engines, by name, in order of creation.
  public internal(set) var connections: [String: RemoteLink] = [:]
  public internal(set) var connectionOrder: [String] = []
  /// Every `train` and `tune` of the session, in order (see `RunRecord`).
  public internal(set) var runs: [RunRecord] = []

  public init(context: SessionContext = SessionContext()) {
    self.context = context
  }

  /// The source of the cell being run, for quoting it in messages.
  var currentSource = ""

  /// Runs every statement of a cell's source. Outputs of the statements
  /// that ran come back even when one fails; the failure is `error`.
  public func run(_ source: String) -> CellRun {
    currentSource = source
    var outputs: [CellOutput] = []
    let runsBefore = runs.count
    do throws(Diagnostic) {
      let program = try Parser.parseProgram(source)
      for statement in program.statements {
        if context.isCancelled() { throw Diagnostic.interrupted }
        outputs += try execute(statement)
      }
      return CellRun(outputs: outputs, error: nil, runs: Array(runs[runsBefore...]))
    } catch {
      let span = error.span ?? .unknown
      outputs.append(
        .error(
          ErrorOutput(
            code: error.code, message: error.message, line: span.line, column: span.column)))
      return CellRun(outputs: outputs, error: error, runs: Array(runs[runsBefore...]))
    }
  }

  func store(_ name: String, _ dataset: Dataset) {
    if datasets[name] == nil { datasetOrder.append(name) }
    datasets[name] = dataset
  }

  func removeDataset(_ name: String) {
    datasets[name] = nil
    datasetOrder.removeAll { $0 == name }
  }

  /// The dataset called `name`, or an error with a suggestion.
  func dataset(named name: Name) throws(Diagnostic) -> Dataset {
    if name.text == "profile", datasets["profile"] == nil {
      return Dataset(
        name: "profile", table: try profileTable(span: name.span),
        identities: profileStore.identities, isProfileEnabled: true)
    }
    guard var dataset = datasets[name.text] else {
      if let remote = try remoteTable(name) {
        return Dataset(name: name.text, table: try pull(remote, span: name.span))
      }
      throw UnknownName.dataset(name.text, span: name.span, among: datasetOrder)
    }
    if let external = dataset.external {
      // Columns read whole stay cached in the external table, so a second
      // statement over the dataset does not decode them again.
      do throws(Diagnostic) {
        dataset.table = try external.readAll(limits: context.limits)
      } catch {
        var located = error
        if located.span == nil { located.span = name.span }
        throw located
      }
    }
    return dataset
  }

  /// The rows of a pipeline's source it needs: for a dataset of files, only
  /// the columns it reads and the row groups its filters cannot rule out.
  func scan(_ request: ScanRequest) throws(Diagnostic) -> Table {
    let name = request.source
    guard let external = datasets[name.text]?.external else {
      return try dataset(named: name).table
    }
    let columns = request.columns
    let wanted = external.schema.fields.map(\.name).filter { columns?.contains($0) ?? true }
    do throws(Diagnostic) {
      return try external.read(
        columns: wanted, where: request.predicates(external.schema), limits: context.limits)
    } catch {
      var located = error
      if located.span == nil { located.span = name.span }
      throw located
    }
  }
}

/// What running a cell produced.
public struct CellRun: Sendable {
  public var outputs: [CellOutput]
  public var error: Diagnostic?
  /// The runs its `train` and `tune` statements recorded.
  public var runs: [RunRecord]

  public init(outputs: [CellOutput], error: Diagnostic?, runs: [RunRecord] = []) {
    self.outputs = outputs
    self.error = error
    self.runs = runs
  }
}
