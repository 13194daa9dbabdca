import Foundation
import Testing

@testable import DSWCore

/// String features with more than 32 distinct values: the 31 most frequent
/// keep their own category, every other string is "(other)".
@Suite struct HighCardinalityTests {
  typealias Data = LearnTestData

  /// `city` takes 200 values: c0…c19 are common (c0…c9 convert often), the
  /// other 180 are rare and convert as often as c10…c19.
  static func table(rows: Int, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var city: [String?] = []
    var label: [Bool] = []
    for _ in 0..<rows {
      let common = random.nextDouble() < 0.7
      let index = common ? random.nextInt(below: 20) : 20 + random.nextInt(below: 180)
      city.append("c\(index)")
      label.append(random.nextDouble() < (index < 10 ? 0.6 : 0.1))
    }
    return Table([("city", Column(strings: city)), ("label", Column(bools: label))])
  }

  @Test func rareStringsAreGroupedAsOther() throws {
    let model = try Data.train(
      "gbt", Self.table(rows: 4000, seed: 1), [Data.argument("target", Data.names("label"))])
    let spec = try #require(model.features.first)
    #expect(spec.groupsOthers)
    guard case .categorical(let categories) = spec.encoding else {
      Issue.record("not categorical")
      return
    }
    #expect(categories.count == FeatureSpec.categoryLimit)
    #expect(categories.last == FeatureSpec.otherLabel)
    // The 20 common cities are among the 31 kept.
    #expect(Set((0..<20).map { "c\($0)" }).isSubset(of: Set(categories)))
    #expect(try #require(model.headline).value > 0.75)

    // A rare training city and a city never seen both score as "(other)".
    let kept = Set(categories)
    let rare = try #require((20..<200).map { "c\($0)" }.first { !kept.contains($0) })
    let probe = Table([
      ("city", Column(strings: [rare, "nowhere", "c3", nil])),
      ("label", Column(bools: [false, false, false, false])),
    ])
    let scores = Data.doubles(try model.score(probe)[0].1)
    #expect(scores[0] == scores[1])
    #expect(scores[2] > scores[0])

    // The grouping survives a save and a load.
    let loaded = try ModelCodec.decode(ModelCodec.encode(model))
    #expect(loaded.features == model.features)
    #expect(Data.doubles(try loaded.score(probe)[0].1) == scores)
  }

  @Test func logisticGroupsThemToo() throws {
    let model = try Data.train(
      "logistic", Self.table(rows: 2000, seed: 2), [Data.argument("target", Data.names("label"))])
    #expect(model.features.first?.groupsOthers == true)
    guard case .linear(let linear) = model.fitted else {
      Issue.record("not linear")
      return
    }
    #expect(linear.design.labels(model.features).last == "city=(other)")
  }
}
