import DSWCore
import Foundation
import Testing

/// Progress, cancellation and argument checks of the generator.
@Suite("CMLE generation control")
struct CMLEGenerationControlTests {
  /// Collects values reported from worker threads.
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func record(_ value: Double) { lock.withLock { values.append(value) } }
    var recorded: [Double] { lock.withLock { values } }
  }

  @Test("progress rises in about 1% steps to 1")
  func progress() throws {
    let recorder = Recorder()
    _ = try CMLESynth.generate(users: 2_000, seed: 1, progress: { recorder.record($0) })
    let values = recorder.recorded
    #expect(values.count >= 100 && values.count <= 102)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 })
    #expect(values.last == 1)
  }

  @Test("a cancelled generation throws CancellationError")
  func cancellation() throws {
    #expect(throws: CancellationError.self) {
      _ = try CMLESynth.generate(users: 2_000, seed: 1, isCancelled: { true })
    }
  }

  @Test(
    "bad arguments are diagnosed",
    arguments: [
      (-1, 12, CMLESynth.defaultStart, "synth cmle needs users between 0 and 10000000, not -1"),
      (10, 0, CMLESynth.defaultStart, "synth cmle needs weeks between 1 and 520, not 0"),
      (
        1_000_000, 200, CMLESynth.defaultStart,
        "synth cmle with 1000000 users over 200 weeks would make about 180000000 events; "
          + "users × weeks must be at most 120000000"
      ),
      (
        10, 12, Int64(-30_000),
        "synth cmle needs a start between 1900-01-01 and 2200-01-01, not 1887-11-12"
      ),
    ])
  func badArguments(users: Int, weeks: Int, start: Int64, message: String) throws {
    let error = #expect(throws: Diagnostic.self) {
      _ = try CMLESynth.generate(users: users, seed: 1, weeks: weeks, start: start)
    }
    #expect(error?.message == message)
  }

  @Test("weeks and start move the window")
  func window() throws {
    let start = CivilTime.days(year: 2023, month: 6, day: 1)
    let (_, events) = try CMLESynth.generate(users: 300, seed: 3, weeks: 2, start: start)
    let column = try #require(events.column(named: "timestamp"))
    guard case .timestamp(let times) = column.storage else {
      Issue.record("timestamp is not a timestamp column")
      return
    }
    let first = start * 86_400_000_000
    #expect(times.allSatisfy { $0 >= first && $0 < first + 14 * 86_400_000_000 })
    #expect(events.rowCount > 300 && events.rowCount < 900)
  }
}
