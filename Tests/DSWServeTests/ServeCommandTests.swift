import DSWCore
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Drives the built `dsw serve` as an operator would: what it prints, signals,
/// exit codes and the errors that stop it from starting.
@Suite(.serialized) struct ServeCommandTests {
  static var binary: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("dsw")
  }

  /// A running `dsw serve` whose standard output is read line by line.
  final class Running: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = ""
    private var errors = ""
    /// Signalled once by each reader at the end of its stream.
    private let closed = DispatchSemaphore(value: 0)

    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
      process.executableURL = ServeCommandTests.binary
      process.arguments = ["serve"] + arguments
      process.currentDirectoryURL = folder
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      let out = Pipe()
      let err = Pipe()
      process.standardOutput = out
      process.standardError = err
      try process.run()
      // Threads of their own: readability handlers run on Dispatch's pool,
      // which the other tests running in parallel can keep busy for long.
      Thread.detachNewThread { [self] in
        while case let data = out.fileHandleForReading.availableData, !data.isEmpty {
          let text = String(decoding: data, as: UTF8.self)
          lock.withLock { output += text }
        }
        closed.signal()
      }
      Thread.detachNewThread { [self] in
        while case let data = err.fileHandleForReading.availableData, !data.isEmpty {
          let text = String(decoding: data, as: UTF8.self)
          lock.withLock { errors += text }
        }
        closed.signal()
      }
    }

    var stdout: String { lock.withLock { output } }
    var stderr: String { lock.withLock { errors } }

    /// Standard output lines without their timestamps.
    var messages: [String] {
      stdout.split(separator: "\n").map { line in
        guard let space = line.firstIndex(of: " ") else { return String(line) }
        return String(line[line.index(after: space)...])
      }
    }

    /// The port from "serving … on http://127.0.0.1:PORT".
    func port(timeout: Duration = .seconds(60)) async throws -> Int {
      let deadline = ContinuousClock.now + timeout
      // The output is looked at once more after the deadline: a test run
      // that keeps the pool busy can hold this task asleep past it.
      var lastLook = false
      while !lastLook {
        lastLook = ContinuousClock.now >= deadline
        if let line = messages.first(where: { $0.hasPrefix("serving ") }),
          let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...])
        {
          return port
        }
        if !process.isRunning {
          // Its last words may still be in the pipes: give the readers a
          // moment before saying how it ended.
          try await Task.sleep(for: .seconds(1))
          if messages.contains(where: { $0.hasPrefix("serving ") }) {
            lastLook = false
            continue
          }
          let reason = process.terminationReason == .uncaughtSignal ? "signal" : "exit code"
          throw HTTPTestClient.ClientError(
            "dsw serve ended before printing an address (\(reason) \(process.terminationStatus)); stdout: \(stdout); stderr: \(stderr)"
          )
        }
        try await Task.sleep(for: .milliseconds(50))
      }
      throw HTTPTestClient.ClientError("no address printed; stderr: \(stderr)")
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// The exit status, once the process has ended and all it wrote is read.
    func waitForExit() async throws -> Int32 {
      let process = self.process
      let closed = self.closed
      return try await offPool {
        process.waitUntilExit()
        closed.wait()
        closed.wait()
        return process.terminationStatus
      }
    }

    /// A real process under a loaded test run may be starved for seconds:
    /// the wait is long, and returns as soon as the line is there.
    func waitFor(_ message: String) async throws -> Bool {
      try await ReloadAndShutdownTests.waitUntil(
        { self.messages.contains(message) }, timeout: .seconds(60))
    }
  }

  static func modelFolder() throws -> (URL, String) {
    let folder = try TestModels.folder()
    let session = try TestModels.session()
    let path = try TestModels.file("propensity", model: "m", in: folder, session: session)
    return (folder, path)
  }

  @Test func servesAFileReloadsOnHangUpAndStopsOnTerm() async throws {
    let (folder, _) = try Self.modelFolder()
    let running = try Running(["propensity.json", "--port", "0", "--workers", "1"], in: folder)
    let port = try await running.port()
    #expect(running.messages.first == "serving 1 model on http://127.0.0.1:\(port)")
    #expect(
      running.messages.dropFirst().first
        == "  propensity@1  gbt, binary classification, 7 features  (propensity.json)")
    let client = HTTPTestClient(port: port)
    let reply = try await client.postAsync(
      "/v1/models/propensity/score", json: "{\"rows\":[\(ProblemAnswerTests.goodRow)]}")
    #expect(reply.status == 200)
    let logged = try await ReloadAndShutdownTests.waitUntil(
      {
        running.messages.contains {
          $0.hasPrefix(
            "POST /v1/models/propensity/score model=propensity@1 rows=1 status=200 duration_ms=")
        }
      }, timeout: .seconds(60))
    #expect(logged)

    running.signal(SIGHUP)
    #expect(try await running.waitFor("SIGHUP: reloading every model"))
    #expect(try await running.waitFor("reloaded propensity@1 from propensity.json"))

    running.signal(SIGTERM)
    #expect(try await running.waitForExit() == 0)
    #expect(running.messages.last == "stopped")
  }

  @Test func servesANotebooksModelsByNameAndVersion() async throws {
    let folder = try TestModels.folder()
    let source =
      TestModels.source + "\ntrain m = gbt(f, target: converted, split: 0.8, seed: 2, trees: 3)"
    let lines = source.split(separator: "\n").map { JSONWriter.quoted(String($0)) }
    let notebook =
      "{\"cells\": [{\"id\": \"cell0001\", \"kind\": \"query\", \"source\": ["
      + lines.joined(separator: ", ") + "]}], \"dswnb\": 1, \"metadata\": {}}\n"
    try Data(notebook.utf8).write(to: folder.appendingPathComponent("train.dswnb"))
    let running = try Running(["--notebook", "train.dswnb", "--port", "0"], in: folder)
    let port = try await running.port()
    #expect(running.messages.first == "serving 4 models on http://127.0.0.1:\(port)")
    let client = HTTPTestClient(port: port)
    let entry = try await client.getAsync("/v1/models/m").json()
    #expect(entry["latest"] as? Int == 2)
    #expect((entry["versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [1, 2])
    let body = "{\"rows\":[\(ProblemAnswerTests.goodRow)]}"
    let latest = try await client.postAsync("/v1/models/m/score", json: body)
    let second = try await client.postAsync("/v1/models/m@2/score", json: body)
    let first = try await client.postAsync("/v1/models/m@1/score", json: body)
    #expect(latest.text == second.text)
    #expect((try latest.json()["version"]) as? Int == 2)
    #expect((try first.json()["version"]) as? Int == 1)
    #expect((try first.json()["scores"] as? [Double]) != (try second.json()["scores"] as? [Double]))
    running.signal(SIGTERM)
    #expect(try await running.waitForExit() == 0)
  }

  @Test func startupErrorsExitWithCode2() async throws {
    let (folder, _) = try Self.modelFolder()
    try Data("{\"format\": \"dsw-model\"}".utf8).write(
      to: folder.appendingPathComponent("bad.json"))
    let cases: [([String], [String: String], String)] = [
      ([], [:], "Error: give model files to serve, or --notebook NB"),
      (["missing.json"], [:], "error: cannot read missing.json: no such file"),
      (
        ["bad.json"], [:],
        "error: bad.json: not a valid dsw model file: missing field \"version\""
      ),
      (
        ["propensity.json", "--token-env", "DSW_TEST_UNSET_TOKEN"], [:],
        "Error: --token-env DSW_TEST_UNSET_TOKEN: the environment variable is not set"
      ),
      (
        ["propensity.json", "--max-body", "lots"], [:],
        "Error: --max-body must be a size such as 8MiB or 512KB, not 'lots'"
      ),
      (["propensity.json", "--workers", "0"], [:], "Error: --workers must be 1 to 256"),
      (
        ["propensity.json", "--notebook", "none.dswnb"], [:],
        "error: cannot read none.dswnb: cannot open "
      ),
    ]
    for (arguments, environment, expected) in cases {
      let running = try Running(arguments, in: folder, environment: environment)
      let status = try await running.waitForExit()
      #expect(status == 2, "\(arguments)")
      #expect(running.stderr.hasPrefix(expected), "\(arguments): \(running.stderr)")
    }
  }

  @Test func aPortInUseOrAnUnknownHostIsSaidPlainly() async throws {
    let (folder, _) = try Self.modelFolder()
    let first = try Running(["propensity.json", "--port", "0"], in: folder)
    let port = try await first.port()
    let second = try Running(["propensity.json", "--port", "\(port)"], in: folder)
    #expect(try await second.waitForExit() == 2)
    #expect(
      second.stderr
        == "error: cannot listen on 127.0.0.1:\(port): the address is in use (another server? try --port)\n"
    )
    let unknown = try Running(
      ["propensity.json", "--host", "no-such-host.invalid", "--port", "0"], in: folder)
    #expect(try await unknown.waitForExit() == 2)
    #expect(
      unknown.stderr
        == "error: cannot listen on no-such-host.invalid:0: no such host no-such-host.invalid\n")
    first.signal(SIGTERM)
    #expect(try await first.waitForExit() == 0)
  }

  @Test func tokenFromTheEnvironmentGuardsTheModels() async throws {
    let (folder, _) = try Self.modelFolder()
    let running = try Running(
      ["propensity.json", "--port", "0", "--token-env", "SERVE_TOKEN"], in: folder,
      environment: ["SERVE_TOKEN": "tok-123"])
    let port = try await running.port()
    let client = HTTPTestClient(port: port)
    #expect(try await client.getAsync("/v1/models").status == 401)
    #expect(
      try await client.getAsync("/v1/models", headers: ["Authorization": "Bearer tok-123"]).status
        == 200)
    running.signal(SIGTERM)
    #expect(try await running.waitForExit() == 0)
  }
}
