import DSWCore
import Foundation
import Testing

/// Timing of ingest and the profile table; run in a release build with `DSW_BENCH=1`.
@Suite("Profile store speed", .enabled(if: ProcessInfo.processInfo.environment["DSW_BENCH"] == "1"))
struct ProfileSpeedTests {
  @Test("100k persons with about 30 attributes build in well under a second")
  func profileTableSpeed() throws {
    let (profiles, _) = try CMLESynth.generate(users: 100_000, seed: 9)
    var pairs: [(String, Column)] = [("userId", try #require(profiles.column(named: "userId")))]
    for index in 0..<22 {
      pairs.append(
        ("feature\(index)", Column(doubles: (0..<100_000).map { Double($0 % (index + 7)) })))
    }
    let scores = Table(pairs)
    let clock = ContinuousClock()
    var store = ProfileStore()
    let ingest = try clock.measure {
      _ = try store.ingest(
        datasetName: "profiles", table: profiles, by: "userId", namespace: "ECID",
        otherIdentities: [IdentityField(column: "email", namespace: "Email")])
      _ = try store.ingest(datasetName: "scores", table: scores, by: "userId")
    }
    var table = Table.empty
    let build = clock.measure { table = store.profileTable() }
    print(
      "profile: ingest 2 datasets \(ingest), "
        + "profileTable \(table.rowCount)x\(table.columnCount) \(build)")
    #expect(table.rowCount == 100_000 && table.columnCount == 31)
    #expect(build < .seconds(0.5))
  }
}
