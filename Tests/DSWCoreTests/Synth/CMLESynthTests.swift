import DSWCore
import Foundation
import Testing

@Suite("CMLE synthetic data")
struct CMLESynthTests {
  static let small = Result { try CMLESynth.generate(users: 1_000, seed: 42) }

  static func tables() throws -> (profiles: Table, events: Table) { try small.get() }

  static func strings(_ table: Table, _ name: String) throws -> [String?] {
    let column = try #require(table.column(named: name))
    return (0..<column.count).map { row in
      if case .string(let text) = column.value(at: row) { text } else { nil }
    }
  }

  static func storage<T>(_ table: Table, _ name: String, _ extract: (Column.Storage) -> [T]?)
    throws -> [T]
  {
    let column = try #require(table.column(named: name))
    return try #require(extract(column.storage))
  }

  static func render(_ table: Table, rows: Int) -> String {
    var lines = zip(table.names, table.types).map { "\($0): \($1.rawValue)" }
    for row in 0..<min(rows, table.rowCount) {
      let cells = table.columns.map { column -> String in
        switch column.value(at: row) {
        case .null: "null"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .timestamp(let value): CivilTime.formatTimestamp(micros: value)
        case .date(let value): CivilTime.formatDate(days: value)
        case .string(let value): "\"\(value)\""
        }
      }
      lines.append(cells.joined(separator: " | "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("the same seed gives the same tables; another seed does not")
  func determinism() throws {
    let (profiles, events) = try Self.tables()
    let (againProfiles, againEvents) = try CMLESynth.generate(users: 1_000, seed: 42)
    #expect(TableDigest.of(profiles) == TableDigest.of(againProfiles))
    #expect(TableDigest.of(events) == TableDigest.of(againEvents))
    let (otherProfiles, otherEvents) = try CMLESynth.generate(users: 1_000, seed: 43)
    #expect(TableDigest.of(profiles) != TableDigest.of(otherProfiles))
    #expect(TableDigest.of(events) != TableDigest.of(otherEvents))
  }

  @Test("a customer's data does not depend on how many customers are generated")
  func customersAreIndependentOfCount() throws {
    let (profiles, _) = try Self.tables()
    let (larger, _) = try CMLESynth.generate(users: 1_001, seed: 42)
    for name in profiles.names {
      let column = try #require(profiles.column(named: name))
      let other = try #require(larger.column(named: name))
      for row in [0, 1, 499, 500, 501, 999] {
        #expect(column.value(at: row) == other.value(at: row), "\(name) row \(row)")
      }
    }
  }

  @Test("schema and first rows match the golden, so every machine makes the same bytes")
  func goldenSample() throws {
    let (profiles, events) = try CMLESynth.generate(users: 50, seed: 7)
    let text =
      "profiles (\(profiles.rowCount) rows)\n" + Self.render(profiles, rows: 5)
      + "\nevents (\(events.rowCount) rows)\n" + Self.render(events, rows: 12)
      + "\nprofiles digest \(TableDigest.of(profiles))\nevents digest \(TableDigest.of(events))\n"
    Golden.assertMatches(text, at: "Synth/cmle-sample.txt")
  }

  @Test("sizes: one profile per customer, about ten events each")
  func sizes() throws {
    let (profiles, events) = try Self.tables()
    #expect(profiles.rowCount == 1_000)
    #expect(events.rowCount > 8_000 && events.rowCount < 13_000)
    let (noProfiles, noEvents) = try CMLESynth.generate(users: 0, seed: 1)
    #expect(noProfiles.rowCount == 0 && noEvents.rowCount == 0)
    #expect(noProfiles.names == profiles.names && noEvents.names == events.names)
  }

  @Test("profile identities look like ECIDs and emails, and are unique")
  func identities() throws {
    let (profiles, _) = try Self.tables()
    let ids = try Self.strings(profiles, "userId").compactMap { $0 }
    #expect(ids.count == 1_000 && Set(ids).count == 1_000)
    #expect(ids.allSatisfy { $0.utf8.count == 38 && $0.utf8.allSatisfy { (48...57).contains($0) } })
    #expect(ids.allSatisfy { !$0.hasPrefix("0") })
    let emails = try Self.strings(profiles, "email").compactMap { $0 }
    #expect(Set(emails).count == 1_000)
    #expect(emails.allSatisfy { $0.contains("@example.") || $0.contains("@mail.example.") })
    #expect(CMLESynth.profileIdentities.map(\.namespace) == ["ECID", "Email"])
  }

  @Test("profiles: tiers, points, states only in the US and Canada, signup dates")
  func profileAttributes() throws {
    let (profiles, _) = try Self.tables()
    let tiers = try Self.strings(profiles, "loyaltyTier")
    let counts = Dictionary(grouping: tiers.compactMap { $0 }, by: { $0 }).mapValues(\.count)
    #expect(Set(counts.keys) == ["member", "silver", "gold", "platinum"])
    #expect((counts["member"] ?? 0) > (counts["silver"] ?? 0))
    #expect((counts["gold"] ?? 0) > (counts["platinum"] ?? 0))
    let countries = try Self.strings(profiles, "country")
    let states = try Self.strings(profiles, "state")
    for (country, state) in zip(countries, states) {
      #expect((state != nil) == (country == "US" || country == "CA"))
    }
    let points: [Int64] = try Self.storage(profiles, "loyaltyPoints") {
      if case .int(let values) = $0 { values } else { nil }
    }
    #expect(points.allSatisfy { $0 >= 0 && $0 < 100_000 })
    let signups: [Int64] = try Self.storage(profiles, "signupDate") {
      if case .date(let values) = $0 { values } else { nil }
    }
    let start = CMLESynth.defaultStart
    #expect(signups.allSatisfy { $0 >= start - 3 * 365 - 1 && $0 < start + 84 })
  }
}
