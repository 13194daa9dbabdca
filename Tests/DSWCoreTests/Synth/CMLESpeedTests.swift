import DSWCore
import Foundation
import Testing

/// Timing of the generator; run in a release build with `DSW_BENCH=1`.
@Suite(
  "CMLE generator speed", .enabled(if: ProcessInfo.processInfo.environment["DSW_BENCH"] == "1"))
struct CMLESpeedTests {
  @Test("100k customers (about 1M events) at over a million events a second")
  func throughput() throws {
    _ = try CMLESynth.generate(users: 10_000, seed: 1)
    let clock = ContinuousClock()
    var eventCount = 0
    let elapsed = try clock.measure {
      eventCount = try CMLESynth.generate(users: 100_000, seed: 42).events.rowCount
    }
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let rate = Double(eventCount) / seconds
    print("cmle: \(eventCount) events in \(seconds) s = \(Int(rate)) events/s")
    #expect(rate > 1_000_000)
  }
}
