import DSWCore
import Testing

/// Builds small tables and reads them back, for profile tests.
enum ProfileFixture {
  static func strings(_ values: [String?]) -> Column { Column(strings: values) }

  static func values(_ table: Table, _ name: String) -> [Value] {
    guard let column = table.column(named: name) else { return [] }
    return (0..<column.count).map { column.value(at: $0) }
  }

  static func text(_ values: [String?]) -> [Value] { values.map { $0.map(Value.string) ?? .null } }
}

@Suite("Profile store: stitching and merging")
struct ProfileStoreTests {
  typealias F = ProfileFixture

  static let byECID = Table([
    ("userId", F.strings(["e1", "e2", "e3"])),
    ("a", Column(ints: [1, 2, 3])),
  ])
  static let byEmail = Table([
    ("email", F.strings(["m1", "m2", "m4"])),
    ("b", F.strings(["x", "y", "z"])),
  ])
  static let crmLink = Table([
    ("userId", F.strings(["e1", "e2"])),
    ("email", F.strings(["m1", "m2"])),
    ("crmTier", F.strings(["gold", "silver"])),
  ])

  @Test("datasets keyed by different namespaces merge into one person once a third links them")
  func stitching() throws {
    var store = ProfileStore()
    let first = try store.ingest(
      datasetName: "web", table: Self.byECID, by: "userId", namespace: "ECID")
    #expect(first == IngestReport(updated: 0, created: 3, unmatched: 0))
    let second = try store.ingest(
      datasetName: "crm", table: Self.byEmail, by: "email", namespace: "Email")
    #expect(second == IngestReport(updated: 0, created: 3, unmatched: 3))
    #expect(store.personCount == 6)

    let third = try store.ingest(
      datasetName: "link", table: Self.crmLink, by: "userId",
      otherIdentities: [IdentityField(column: "email", namespace: "Email")])
    // {e1,m1} and {e2,m2} each merge two earlier persons; e3 and m4 stay alone.
    #expect(third == IngestReport(updated: 2, created: 0, unmatched: 2))
    #expect(store.personCount == 4)

    let profile = store.profileTable()
    #expect(profile.names == ["userId", "email", "a", "b", "crmTier"])
    #expect(profile.rowCount == 4)
    #expect(F.values(profile, "userId") == F.text(["e1", "e2", "e3", nil]))
    #expect(F.values(profile, "email") == F.text(["m1", "m2", nil, "m4"]))
    #expect(F.values(profile, "a") == [.int(1), .int(2), .int(3), .null])
    #expect(F.values(profile, "b") == F.text(["x", "y", nil, "z"]))
    #expect(F.values(profile, "crmTier") == F.text(["gold", "silver", nil, nil]))
    #expect(
      store.identities == [
        IdentityField(column: "userId", namespace: "ECID", isPrimary: true),
        IdentityField(column: "email", namespace: "Email", isPrimary: false),
      ])
  }

  @Test(
    "a later ingest wins for the persons it covers; others keep their value; null never overwrites")
  func mergePolicy() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "old",
      table: Table([
        ("userId", F.strings(["e1", "e2", "e3"])), ("score", Column(doubles: [0.1, 0.2, 0.3])),
      ]),
      by: "userId")
    let report = try store.ingest(
      datasetName: "new",
      table: Table([
        ("userId", F.strings(["e2", "e3", "e4"])),
        ("score", Column(doubles: [0.9, 0, 0.4], validity: Bitmap([true, false, true]))),
      ]),
      by: "userId")
    #expect(report == IngestReport(updated: 2, created: 1, unmatched: 1))
    let profile = store.profileTable()
    #expect(F.values(profile, "userId") == F.text(["e1", "e2", "e3", "e4"]))
    #expect(F.values(profile, "score") == [.double(0.1), .double(0.9), .double(0.3), .double(0.4)])
  }

  @Test("int and double values of one attribute merge as double")
  func numericPromotion() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "counts",
      table: Table([("userId", F.strings(["e1", "e2"])), ("n", Column(ints: [1, 2]))]),
      by: "userId")
    _ = try store.ingest(
      datasetName: "rates",
      table: Table([("userId", F.strings(["e2"])), ("n", Column(doubles: [2.5]))]),
      by: "userId")
    #expect(F.values(store.profileTable(), "n") == [.double(1), .double(2.5)])
  }

  @Test("re-ingesting a dataset replaces its rows: stale values and persons disappear")
  func reingestReplaces() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "profiles",
      table: Table([("userId", F.strings(["e1", "e2"])), ("tier", F.strings(["gold", "member"]))]),
      by: "userId")
    _ = try store.ingest(
      datasetName: "scores",
      table: Table([
        ("userId", F.strings(["e1", "e2", "e9"])), ("score", Column(doubles: [0.5, 0.6, 0.7])),
      ]),
      by: "userId")
    #expect(store.personCount == 3)
    let versionBefore = store.version
    let report = try store.ingest(
      datasetName: "scores",
      table: Table([("userId", F.strings(["e1"])), ("score", Column(doubles: [0.8]))]),
      by: "userId")
    #expect(report == IngestReport(updated: 1, created: 0, unmatched: 1, removed: 1))
    #expect(store.version == versionBefore + 1)
    #expect(store.datasetNames == ["profiles", "scores"])
    let profile = store.profileTable()
    #expect(F.values(profile, "userId") == F.text(["e1", "e2"]))
    #expect(F.values(profile, "score") == [.double(0.8), .null])
    #expect(F.values(profile, "tier") == F.text(["gold", "member"]))
  }

  @Test("rows with no identity are skipped and counted")
  func nullIdentities() throws {
    var store = ProfileStore()
    let report = try store.ingest(
      datasetName: "leads",
      table: Table([
        ("email", F.strings(["m1", nil, "m2", nil])), ("source", F.strings(["a", "b", "c", "d"])),
      ]),
      by: "email", namespace: "Email")
    #expect(report == IngestReport(updated: 0, created: 2, unmatched: 0, skippedRows: 2))
    #expect(F.values(store.profileTable(), "source") == F.text(["a", "c"]))
  }

  @Test("without a namespace, the identity column's known namespace is used")
  func namespaceFromColumn() throws {
    var store = ProfileStore()
    _ = try store.ingest(datasetName: "web", table: Self.byECID, by: "userId", namespace: "ECID")
    let report = try store.ingest(
      datasetName: "scores",
      table: Table([
        ("userId", F.strings(["e3", "e1"])), ("propensity", Column(doubles: [0.3, 0.1])),
      ]),
      by: "userId")
    #expect(report == IngestReport(updated: 2, created: 0, unmatched: 1))
    #expect(store.identities.map(\.namespace) == ["ECID"])
    #expect(F.values(store.profileTable(), "propensity") == [.double(0.1), .null, .double(0.3)])
  }

  @Test("a column named like a profile identity column is read as that identity")
  func implicitIdentity() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "profiles", table: Self.crmLink, by: "userId", namespace: "ECID",
      otherIdentities: [IdentityField(column: "email", namespace: "Email")])
    let report = try store.ingest(
      datasetName: "newsletter",
      table: Table([
        ("email", F.strings(["m2", "m7"])), ("userId", F.strings(["e2", "e7"])),
        ("optIn", Column(bools: [true, false])),
      ]),
      by: "email", namespace: "Email")
    #expect(report == IngestReport(updated: 1, created: 1, unmatched: 1))
    let profile = store.profileTable()
    #expect(profile.names == ["userId", "email", "crmTier", "optIn"])
    #expect(F.values(profile, "userId") == F.text(["e1", "e2", "e7"]))
    #expect(F.values(profile, "optIn") == [.null, .bool(true), .bool(false)])
  }

  @Test("integer identities work and match their decimal text")
  func integerIdentities() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "crm",
      table: Table([("crmId", Column(ints: [42, 7])), ("ltv", Column(doubles: [10, 20]))]),
      by: "crmId", namespace: "CRM ID")
    _ = try store.ingest(
      datasetName: "support",
      table: Table([("crmId", F.strings(["7"])), ("tickets", Column(ints: [3]))]),
      by: "crmId", namespace: "crm id")
    let profile = store.profileTable()
    #expect(profile.names == ["crmId", "ltv", "tickets"])
    #expect(F.values(profile, "crmId") == F.text(["42", "7"]))
    #expect(F.values(profile, "tickets") == [.null, .int(3)])
  }

  @Test("the generated profiles ingest with their ECID and email identities")
  func generatedProfiles() throws {
    let (profiles, _) = try CMLESynth.generate(users: 500, seed: 5)
    var store = ProfileStore()
    let report = try store.ingest(
      datasetName: "profiles", table: profiles, by: "userId", namespace: "ECID",
      otherIdentities: CMLESynth.profileIdentities.filter { !$0.isPrimary })
    #expect(report == IngestReport(updated: 0, created: 500, unmatched: 0))
    let profile = store.profileTable()
    #expect(profile.names == profiles.names)
    #expect(profile.rowCount == 500)
    for name in profiles.names {
      #expect(F.values(profile, name) == F.values(profiles, name), "\(name)")
    }
    #expect(store.version == 1)
  }
}
