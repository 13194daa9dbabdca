import DSWCore
import Testing

@Suite("Profile store: refused ingests")
struct ProfileIngestDiagnosticsTests {
  typealias F = ProfileFixture
  static let span = SourceSpan(offset: 24, length: 6, line: 1, column: 25)

  static func refusal(
    _ store: inout ProfileStore, _ table: Table, by column: String, namespace: String? = nil,
    others: [IdentityField] = []
  ) -> Diagnostic? {
    do {
      _ = try store.ingest(
        datasetName: "scores", table: table, by: column, namespace: namespace,
        otherIdentities: others, span: span)
      return nil
    } catch {
      return error
    }
  }

  @Test("duplicate identity values are refused, naming the first few")
  func duplicates() throws {
    var store = ProfileStore()
    let table = Table([
      ("userId", F.strings(["a", "b", "a", "c", "b", "d", "a", "e", "e", "f", "f"])),
      ("score", Column(doubles: Array(repeating: 0.5, count: 11))),
    ])
    let diagnostic = try #require(Self.refusal(&store, table, by: "userId", namespace: "ECID"))
    #expect(diagnostic.code == "E703")
    #expect(
      diagnostic.message
        == "`scores` has 4 values of `userId` on more than one row; "
        + "a profile needs one row per identity")
    #expect(
      diagnostic.notes == [
        "\"a\" appears 3 times", "\"b\" appears 2 times", "\"e\" appears 2 times",
        "and 1 more",
      ])
    #expect(
      diagnostic.help
        == "aggregate first (`| aggregate … by userId`), "
        + "or keep one row each (`| distinct userId`)")
    #expect(diagnostic.span == Self.span)
    #expect(store.version == 0 && store.personCount == 0)
  }

  @Test("a single duplicated integer identity is named")
  func integerDuplicate() throws {
    var store = ProfileStore()
    let table = Table([("crmId", Column(ints: [5, 6, 5]))])
    let diagnostic = try #require(Self.refusal(&store, table, by: "crmId", namespace: "CRM ID"))
    #expect(
      diagnostic.message
        == "`scores` has 1 value of `crmId` on more than one row; "
        + "a profile needs one row per identity")
    #expect(diagnostic.notes == ["5 appears 2 times"])
  }

  @Test("an unknown identity column gets a did-you-mean and the span")
  func unknownColumn() throws {
    var store = ProfileStore()
    let table = Table([("userId", F.strings(["a"])), ("score", Column(doubles: [1]))])
    let diagnostic = try #require(Self.refusal(&store, table, by: "userID"))
    #expect(diagnostic.code == "E701")
    #expect(diagnostic.message == "unknown column `userID` in `scores`")
    #expect(diagnostic.help == "did you mean `userId`?")
    #expect(diagnostic.notes == ["`scores` has columns `userId`, `score`"])
    #expect(diagnostic.span == Self.span)

    let far = try #require(Self.refusal(&store, table, by: "customer"))
    #expect(far.help == nil)
  }

  @Test("an identity must be a string or an int")
  func identityType() throws {
    var store = ProfileStore()
    let table = Table([("score", Column(doubles: [1]))])
    let diagnostic = try #require(Self.refusal(&store, table, by: "score"))
    #expect(diagnostic.code == "E702")
    #expect(
      diagnostic.message
        == "identity column `score` of `scores` is double; an identity must be a string or an int")
  }

  @Test("an attribute whose type clashes with another dataset's is refused")
  func attributeTypeClash() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "profiles",
      table: Table([("userId", F.strings(["a"])), ("tier", F.strings(["gold"]))]), by: "userId")
    let table = Table([("userId", F.strings(["a"])), ("tier", Column(ints: [3]))])
    let diagnostic = try #require(Self.refusal(&store, table, by: "userId"))
    #expect(diagnostic.code == "E704")
    #expect(
      diagnostic.message
        == "attribute `tier` of `scores` is int, but the profile has it as string from `profiles`")
    #expect(diagnostic.help == "cast or rename the column before ingesting")
    #expect(store.version == 1)
  }

  @Test("an empty namespace and a column declared twice are refused")
  func badDeclarations() throws {
    var store = ProfileStore()
    let table = Table([("userId", F.strings(["a"])), ("email", F.strings(["m"]))])
    let empty = try #require(Self.refusal(&store, table, by: "userId", namespace: "  "))
    #expect(empty.code == "E705")
    #expect(empty.message == "the identity namespace of `userId` is empty")
    let twice = try #require(
      Self.refusal(
        &store, table, by: "userId", namespace: "ECID",
        others: [IdentityField(column: "userId", namespace: "Email")]))
    #expect(twice.message == "column `userId` of `scores` is declared as an identity twice")
  }

  @Test("replacing the linking dataset can unlink persons again")
  func unlinking() throws {
    var store = ProfileStore()
    _ = try store.ingest(
      datasetName: "web", table: ProfileStoreTests.byECID, by: "userId", namespace: "ECID")
    _ = try store.ingest(
      datasetName: "crm", table: ProfileStoreTests.byEmail, by: "email", namespace: "Email")
    let email = [IdentityField(column: "email", namespace: "Email")]
    _ = try store.ingest(
      datasetName: "link", table: ProfileStoreTests.crmLink, by: "userId", otherIdentities: email)
    #expect(store.personCount == 4)
    let unlinked = Table([
      ("userId", F.strings(["e1"])), ("email", F.strings(["m1"])), ("crmTier", F.strings(["gold"])),
    ])
    _ = try store.ingest(datasetName: "link", table: unlinked, by: "userId", otherIdentities: email)
    #expect(store.personCount == 5)
    #expect(F.values(store.profileTable(), "crmTier") == F.text(["gold", nil, nil, nil, nil]))
  }
}
