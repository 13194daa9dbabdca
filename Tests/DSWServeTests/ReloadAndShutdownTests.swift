import DSWCore
import Foundation
import Testing

@testable import DSWServe

/// Reloads swap models with no failed request; graceful shutdown refuses new
/// connections and finishes requests in flight.
@Suite struct ReloadAndShutdownTests {
  static let row = ProblemAnswerTests.goodRow

  /// The score `m` gives the test row, as the server answers it.
  static func score(_ server: TestServer) async throws -> (Int, String) {
    let reply = try await server.client.postAsync("/v1/models/m/score", json: "{\"rows\":[\(row)]}")
    return (reply.status, reply.text)
  }

  /// Writes `model` to a sibling file, then renames it over `path`, as
  /// `save model` and deployment tools replace files.
  static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws {
    let temporary = path + ".tmp"
    try Data(bytes).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else { throw HTTPTestClient.ClientError("rename failed") }
  }

  static func waitUntil(
    _ condition: () async throws -> Bool, timeout: Duration = .seconds(180)
  ) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    // The deadline is generous because the wait returns as soon as the
    // condition holds: on a 2-core machine other suites' kernels can keep the
    // concurrency pool busy for minutes, and the server's shutdown needs it.
    // The condition is checked once more after the deadline: a test run that
    // keeps the pool busy can hold this task asleep past it.
    while ContinuousClock.now < deadline {
      if try await condition() { return true }
      try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
  }

  @Test func atomicReplaceReloadsWithNoFailedRequest() async throws {
    let session = try TestModels.session()
    #expect(
      session.run("train m = gbt(f, target: converted, split: 0.8, seed: 2, trees: 3)").error == nil
    )
    let folder = try TestModels.folder()
    let path = folder.appendingPathComponent("m.json").path
    try Data(ModelCodec.encode(try session.models.resolve(name: "m", version: 1))).write(
      to: URL(fileURLWithPath: path))
    let server = try await TestServer.start([.modelFile(path)])
    let (_, before) = try await Self.score(server)

    // Hammer the server from another thread while the file is replaced.
    let failures = Counter()
    let stop = Counter()
    let hammer = Task.detached { [port = server.port] in
      let client = HTTPTestClient(port: port)
      var sent = 0
      while stop.value == 0 || sent < 50 {
        let reply = try? client.post("/v1/models/m/score", json: "{\"rows\":[\(Self.row)]}")
        if reply?.status != 200 { failures.add() }
        sent += 1
      }
      return sent
    }
    try await Task.sleep(for: .milliseconds(100))
    try Self.replaceAtomically(
      path, with: ModelCodec.encode(try session.models.resolve(name: "m", version: 2)))
    let swapped = try await Self.waitUntil { try await Self.score(server).1 != before }
    stop.add()
    let sent = await hammer.value
    #expect(swapped)
    #expect(failures.value == 0, "\(failures.value) of \(sent) requests failed during the swap")
    #expect(server.log.messages.contains("\(path) changed: reloading"))
    #expect(server.log.messages.contains("reloaded m@1 from \(path)"))

    // A file that does not load leaves the model serving and says why.
    let (_, after) = try await Self.score(server)
    try Self.replaceAtomically(path, with: Array("{\"format\": \"dsw-model\"".utf8))
    let logged = try await Self.waitUntil {
      server.log.messages.contains {
        $0.hasPrefix("warning reload of \(path) failed, still serving the previous models: ")
      }
    }
    #expect(logged)
    #expect(
      server.log.messages.contains(
        "warning reload of \(path) failed, still serving the previous models: \(path): not a valid dsw model file: malformed JSON"
      ))
    let (status, still) = try await Self.score(server)
    #expect(status == 200)
    #expect(still == after)
    try await server.stop()
  }

  @Test func reloadRereadsEverySourceAndKeepsOldOnFailure() async throws {
    let session = try TestModels.session()
    #expect(
      session.run("train m = gbt(f, target: converted, split: 0.8, seed: 2, trees: 3)").error == nil
    )
    let version = VersionBox()
    let models = [1, 2].map { number in
      TestModels.served(session).filter { $0.name == "m" && $0.version == number }
        .map {
          ServedModel(name: "m", version: 1, model: $0.model, trainedAt: nil, origin: "memory")
        }
    }
    let source = ModelSource(label: "memory", watchedPath: nil) {
      guard let chosen = version.value else { throw ModelSourceError("the source is gone") }
      return models[chosen]
    }
    let server = try await TestServer.start([source])
    let (_, first) = try await Self.score(server)
    version.value = 1
    server.server.reload()
    let (_, second) = try await Self.score(server)
    #expect(first != second)
    #expect(server.log.messages.contains("reloaded m@1 from memory"))
    version.value = nil
    server.server.reload()
    #expect(
      server.log.messages.contains(
        "warning reload of memory failed, still serving the previous models: the source is gone"))
    #expect(try await Self.score(server).1 == second)
    try await server.stop()
  }

  @Test func shutdownRefusesNewConnectionsAndFinishesRequestsInFlight() async throws {
    let server = try await TestServer.start([try TestModels.memorySource()])
    let body = Array("{\"rows\":[\(Self.row)]}".utf8)
    let connection = try Connection(port: server.port)
    try connection.write(
      HTTPTestClient.head("POST", "/v1/models/m/score", bodyLength: body.count, headers: [:]))
    try connection.write(Array(body[..<10]))
    try await Task.sleep(for: .milliseconds(100))

    let stopping = Task { try await server.stop() }
    let refused = try await Self.waitUntil {
      (try? Connection(port: server.port)) == nil
    }
    #expect(refused, "the listening socket stayed open")
    try connection.write(Array(body[10...]))
    let reply = try await offPool { try HTTPTestClient.parse(connection.readToEnd()) }
    #expect(reply.status == 200)
    #expect(reply.text.hasPrefix("{\"model\":\"m\",\"version\":1,\"scores\":["))
    try await stopping.value
    #expect(server.log.messages.last == "stopped")
  }
}

/// A thread-safe counter for the hammering task.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0
  var value: Int { lock.withLock { count } }
  func add() { lock.withLock { count += 1 } }
}

/// Which prepared model set a test source hands out next (nil: fail).
final class VersionBox: @unchecked Sendable {
  private let lock = NSLock()
  private var chosen: Int? = 0
  var value: Int? {
    get { lock.withLock { chosen } }
    set { lock.withLock { chosen = newValue } }
  }
}
