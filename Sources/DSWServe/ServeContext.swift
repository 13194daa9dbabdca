import Foundation
import Hummingbird

/// The request context: Hummingbird's core storage plus the notes a handler
/// leaves for the request log and the metrics (which model, how many rows).
struct ServeContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let notes = RequestNotes()

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }
}

/// What a handler learned about its request. A context is passed down by
/// value, so the notes are a shared reference the middleware reads back after
/// the handler returns; the lock makes that hand-over safe.
final class RequestNotes: @unchecked Sendable {
  private let lock = NSLock()
  private var _model: String?
  private var _rows: Int?

  var model: String? {
    get { lock.withLock { _model } }
    set { lock.withLock { _model = newValue } }
  }

  var rows: Int? {
    get { lock.withLock { _rows } }
    set { lock.withLock { _rows = newValue } }
  }
}
