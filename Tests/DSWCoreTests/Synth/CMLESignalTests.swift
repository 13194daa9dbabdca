import DSWCore
import Foundation
import Testing

/// The insights the workflow looks for must be in the data, but not trivially.
@Suite("CMLE synthetic signal")
struct CMLESignalTests {
  static let userCount = 20_000
  /// Eight of the twelve weeks are history; the last four are the outcome window.
  static let snapshotMicros = (CMLESynth.defaultStart + 56) * 86_400_000_000

  static func behaviour() throws -> CMLEBehaviour {
    let (_, events) = try CMLESynth.generate(users: userCount, seed: 2024)
    return try CMLEBehaviour(events: events, userCount: userCount, snapshotMicros: snapshotMicros)
  }

  @Test("conversion after the snapshot is learnable from behaviour before it, with noise")
  func conversionIsLearnable() throws {
    let behaviour = try Self.behaviour()
    let formFilled = 12
    let features = (0..<Self.userCount).map { behaviour.features(user: $0) }
    let labels = (0..<Self.userCount).map { behaviour.countsAfter[$0][formFilled] > 0 }
    let auc = LogisticProbe.holdoutAUC(features: features, labels: labels)
    let rate = Double(labels.filter { $0 }.count) / Double(Self.userCount)
    print("conversion AUC \(auc), rate \(rate)")
    #expect(auc > 0.7 && auc < 0.85)
    #expect(rate > 0.02 && rate < 0.15)
  }

  @Test("customers who go quiet in the final weeks were less engaged before")
  func churnIsLearnable() throws {
    let behaviour = try Self.behaviour()
    let active = (0..<Self.userCount).filter { behaviour.isActiveBefore(user: $0) }
    let features = active.map { behaviour.features(user: $0) }
    let labels = active.map { !behaviour.isActiveAfter(user: $0) }
    let auc = LogisticProbe.holdoutAUC(features: features, labels: labels)
    let rate = Double(labels.filter { $0 }.count) / Double(active.count)
    print("churn AUC \(auc), quiet rate \(rate)")
    #expect(auc > 0.65 && auc < 0.9)
  }

  @Test("spend after the snapshot follows spend before it")
  func lifetimeValueIsLearnable() throws {
    let behaviour = try Self.behaviour()
    let correlation = LogisticProbe.correlation(
      behaviour.spendBefore.map { log1p($0) }, behaviour.spendAfter.map { log1p($0) })
    print("spend correlation \(correlation)")
    #expect(correlation > 0.15)
  }

  @Test("customers keep browsing their favourite category")
  func categoryAffinityPersists() throws {
    let behaviour = try Self.behaviour()
    var matches = 0
    var eligible = 0
    for user in 0..<Self.userCount {
      let before = behaviour.categoryViewsBefore[user]
      let after = behaviour.categoryViewsAfter[user]
      guard before.reduce(0, +) >= 2, after.reduce(0, +) >= 1 else { continue }
      eligible += 1
      let favourite = before.indices.max { before[$0] < before[$1] } ?? 0
      if after[favourite] * 2 >= after.reduce(0, +) { matches += 1 }
    }
    let share = Double(matches) / Double(max(1, eligible))
    print("affinity share \(share) of \(eligible)")
    #expect(eligible > 500)
    #expect(share > 0.4)
  }

  @Test("event mix: about ten events per customer, funnel rates in a plausible range")
  func eventMix() throws {
    let behaviour = try Self.behaviour()
    var totals = [Double](repeating: 0, count: 13)
    for user in 0..<Self.userCount {
      for type in 0..<13 {
        totals[type] += behaviour.countsBefore[user][type] + behaviour.countsAfter[user][type]
      }
    }
    let perUser = totals.map { $0 / Double(Self.userCount) }
    for (name, value) in zip(CMLEBehaviour.eventTypes, perUser) {
      print("\(name): \(String(format: "%.3f", value))")
    }
    let all = perUser.reduce(0, +)
    print("events per user \(all)")
    #expect(all > 8 && all < 12)
  }
}
