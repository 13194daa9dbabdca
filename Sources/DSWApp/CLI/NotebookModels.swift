import DSWCore
import DSWServe
import Foundation

/// Runs a notebook headlessly and hands back every model in its registry,
/// by name and version, for `dsw serve --notebook`.
enum NotebookModels {
  /// The models a run of `path` trains; throws `ModelSourceError` with the
  /// first failing cell's rendered error.
  static func load(
    path: String, overrides: [String: String], allowPaths: [String], memoryLimit: Int,
    interrupt: Interrupt?
  ) throws -> [ServedModel] {
    let absolute = NotebookFile.absolutePath(path)
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(absolute)
    } catch {
      throw ModelSourceError("cannot read \(path): \(error.message)")
    }
    let notebook: Notebook
    do {
      notebook = try NotebookCodec.decode(bytes: bytes)
    } catch {
      throw ModelSourceError(
        "\(path) is not a notebook:\n"
          + DiagnosticRenderer.render(error, source: nil, location: path, style: .plain))
    }
    let folder = NotebookFile.folder(of: absolute)
    let sandbox = NotebookFile.makeSandbox(folder: folder, allowPaths: allowPaths)
    var isCancelled: @Sendable () -> Bool = { false }
    if let interrupt { isCancelled = interrupt.check }
    var context = SessionContext(
      files: DiskFiles(sandbox: sandbox), sandbox: sandbox, isCancelled: isCancelled,
      progress: { _, _ in }, memoryLimit: memoryLimit, memoryInUse: SystemMemory.residentBytes)
    context.formats = FileFormats.external
    let session = Session(context: context)
    let declared = NotebookRunner.declaredParameters(notebook)
    for name in overrides.keys where !declared.contains(name) {
      throw ModelSourceError("-p \(name): \(path) has no `param \(name)`")
    }
    session.parameterOverrides = overrides
    var failure: String?
    let runner = NotebookRunner(session: session, clock: MonotonicClock.now)
    _ = runner.run(notebook) { report in
      if let error = report.error, failure == nil {
        failure = DiagnosticRenderer.render(
          error, source: report.cell.source,
          location: "\(path), cell \(report.index + 1) (\(report.cell.id))", style: .plain)
      }
    }
    if let failure { throw ModelSourceError("the notebook failed:\n" + failure) }
    let trainedAt = Date()
    var models: [ServedModel] = []
    for name in session.models.names {
      for version in session.models.versions(of: name) {
        // Lifetime-value models score over a horizon a request cannot give.
        guard let model = try? session.models.resolve(name: name, version: version),
          ServedModel.isServable(model)
        else { continue }
        models.append(
          ServedModel(
            name: name, version: version, model: model, trainedAt: trainedAt, origin: path))
      }
    }
    if models.isEmpty { throw ModelSourceError("\(path) trains no model") }
    return models
  }
}
