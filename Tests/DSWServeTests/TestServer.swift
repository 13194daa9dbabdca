import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// A real server on a free loopback port, with its log lines captured.
final class TestServer: Sendable {
  let server: ScoringServer
  let port: Int
  let log: LogLines
  private let task: Task<Void, any Error>

  var client: HTTPTestClient { HTTPTestClient(port: port) }

  static func start(
    _ sources: [ModelSource], configure: (inout ServeConfiguration) -> Void = { _ in }
  ) async throws -> TestServer {
    var configuration = ServeConfiguration(workers: 2)
    configuration.port = 0
    configuration.handlesSignals = false
    configuration.watchInterval = .milliseconds(50)
    configure(&configuration)
    let log = LogLines()
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = try ScoringServer(
      configuration: configuration, sources: sources, output: LogOutput(write: log.append),
      onRunning: { continuation.yield($0) })
    let task = Task { try await server.run() }
    var port = 0
    for await value in ports {
      port = value
      break
    }
    return TestServer(server: server, port: port, log: log, task: task)
  }

  private init(server: ScoringServer, port: Int, log: LogLines, task: Task<Void, any Error>) {
    self.server = server
    self.port = port
    self.log = log
    self.task = task
  }

  /// Shuts down gracefully and waits for `run` to return.
  func stop() async throws {
    await server.shutdown()
    try await task.value
  }
}

/// Lines the server logged, in order.
final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []

  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var all: [String] { lock.withLock { lines } }

  /// Lines without their leading timestamp.
  var messages: [String] {
    all.map { line in
      guard let space = line.firstIndex(of: " ") else { return line }
      return String(line[line.index(after: space)...])
    }
  }
}

/// Runs blocking socket work off the concurrency pool, so a test waiting on
/// a reply never starves the server it is talking to.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
  }
}

extension HTTPTestClient {
  func getAsync(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
    let client = self
    return try await offPool { try client.get(path, headers: headers) }
  }

  func postAsync(_ path: String, json: String, headers: [String: String] = [:]) async throws
    -> Reply
  {
    let client = self
    return try await offPool { try client.post(path, json: json, headers: headers) }
  }

  func sendAsync(
    _ method: String, _ path: String, body: [UInt8]? = nil, headers: [String: String] = [:]
  ) async throws -> Reply {
    let client = self
    return try await offPool { try client.send(method, path, body: body, headers: headers) }
  }
}

/// Small models trained in memory: a classifier `m`, a regression `r` and a
/// kmeans `k`, over every feature type (string, int, double, bool, date, timestamp).
enum TestModels {
  static let source = """
    synth cmle (users: 400, seed: 1, weeks: 4, start: date("2024-01-01"))
    let f = from profiles
    | derive points = loyaltyPoints * 1.5, gold = loyaltyTier == "gold", seen = timestamp("2024-01-02T10:30:00"), converted = loyaltyPoints > 1000
    | select loyaltyTier, loyaltyPoints, points, gold, signupDate, seen, country, converted
    train m = gbt(f, target: converted, split: 0.8, seed: 1, trees: 20)
    train r = linear(f, target: points, exclude: [converted], split: 0.8, seed: 1)
    train k = kmeans(f, k: 3, exclude: [converted], seed: 7)
    """

  struct TrainingFailed: Error { var diagnostic: Diagnostic }

  /// A session holding `m`, `r` and `k`, and the table `f` they learned from.
  static func session() throws -> Session {
    let session = Session()
    if let error = session.run(source).error { throw TrainingFailed(diagnostic: error) }
    return session
  }

  /// The session's models as served models, version by version.
  static func served(_ session: Session, origin: String = "test") -> [ServedModel] {
    session.models.names.flatMap { name in
      session.models.versions(of: name).compactMap { version in
        (try? session.models.resolve(name: name, version: version)).flatMap {
          ServedModel.isServable($0) ? $0 : nil
        }.map {
          ServedModel(
            name: name, version: version, model: $0,
            trainedAt: Date(timeIntervalSince1970: 1_733_400_000), origin: origin)
        }
      }
    }
  }

  /// The three models, served from memory.
  static func memorySource() throws -> ModelSource {
    let models = served(try session())
    return ModelSource(label: "test", watchedPath: nil) { models }
  }

  /// A model file in a fresh folder, as `save model` writes it.
  static func file(
    _ name: String, model: String, in folder: URL, session: Session
  ) throws -> String {
    let path = folder.appendingPathComponent("\(name).json").path
    let trained = try session.models.resolve(name: model)
    try Data(ModelCodec.encode(trained)).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dsw-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// One row of `f` as JSON, features only, exactly as the table holds it.
  static func rowJSON(_ table: Table, row: Int, features: [String]) -> String {
    "{"
      + features.map { name in
        JSONWriter.quoted(name) + ":" + JSONCell.text(table.column(named: name), row: row)
      }.joined(separator: ",") + "}"
  }
}

/// A table cell as JSON text: numbers in shortest round-trip form, dates and
/// timestamps as ISO 8601 strings.
enum JSONCell {
  static func text(_ column: Column?, row: Int) -> String {
    guard let column else { return "null" }
    switch column.value(at: row) {
    case .null: return "null"
    case .int(let number): return String(number)
    case .double(let number): return JSONWriter.formatDouble(number)
    case .bool(let flag): return flag ? "true" : "false"
    case .string(let text): return JSONWriter.quoted(text)
    case .date(let days): return JSONWriter.quoted(CivilTime.formatDate(days: days))
    case .timestamp(let micros): return JSONWriter.quoted(CivilTime.formatTimestamp(micros: micros))
    }
  }
}
