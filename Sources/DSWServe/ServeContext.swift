import Hummingbird
import Synchronization

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
/// the handler returns; the mutex (no allocation of its own) makes that
/// hand-over safe.
final class RequestNotes: Sendable {
  private let state = Mutex<(model: String?, rows: Int?)>((nil, nil))

  var model: String? {
    get { state.withLock { $0.model } }
    set { state.withLock { $0.model = newValue } }
  }

  var rows: Int? {
    get { state.withLock { $0.rows } }
    set { state.withLock { $0.rows = newValue } }
  }
}
