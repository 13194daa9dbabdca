import Foundation

/// The models being served, swapped atomically on reload.
///
/// Each source owns a slot; a reload replaces one slot and publishes a new
/// catalog. A request takes the catalog once and keeps it to the end, so a
/// swap never fails a request in flight.
final class ModelStore: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [[ServedModel]]
  private var current: ModelCatalog

  /// Refuses two sources serving the same name and version.
  init(slots: [[ServedModel]]) throws(ModelSourceError) {
    try Self.checkDistinct(slots)
    self.slots = slots
    self.current = ModelCatalog(slots.flatMap { $0 })
  }

  var catalog: ModelCatalog { lock.withLock { current } }

  /// Publishes `models` as slot `index`; on a clash the old slot stays.
  func replace(slot index: Int, with models: [ServedModel]) throws(ModelSourceError) {
    lock.lock()
    defer { lock.unlock() }
    var next = slots
    next[index] = models
    try Self.checkDistinct(next)
    slots = next
    current = ModelCatalog(next.flatMap { $0 })
  }

  private static func checkDistinct(_ slots: [[ServedModel]]) throws(ModelSourceError) {
    var seen: [String: String] = [:]
    for model in slots.joined() {
      if let other = seen[model.reference] {
        throw ModelSourceError(
          "\(model.origin) and \(other) both give a model named \(model.reference); rename a file")
      }
      seen[model.reference] = model.origin
    }
  }
}
