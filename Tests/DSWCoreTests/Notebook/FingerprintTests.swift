import DSWCore
import Testing

@Suite("Fingerprint")
struct FingerprintTests {
  static func metrics(_ value: Double) -> [CellOutput] {
    [.metrics(MetricsOutput(title: "m", metrics: [.init(name: "auc", value: value)]))]
  }

  @Test func isStableForTheSameOutputs() {
    let first = Fingerprint.of(SampleNotebook.outputs)
    #expect(first == Fingerprint.of(SampleNotebook.outputs))
    #expect(first.hasPrefix("sha256:"))
    #expect(first.count == 7 + 64)
    // Pinned, so that a change to the canonical form is a visible decision.
    #expect(
      Fingerprint.of([.text("hello")])
        == "sha256:"
        + SHA256.hexDigest(
          Array("[\n  {\n    \"text\": \"hello\",\n    \"type\": \"text\"\n  }\n]\n".utf8)))
    #expect(Fingerprint.of([]) == "sha256:" + SHA256.hexDigest(Array("[]\n".utf8)))
  }

  @Test func roundsDoublesToNineSignificantDigits() {
    #expect(
      Fingerprint.of(Self.metrics(1.0000000001)) == Fingerprint.of(Self.metrics(1.0000000002)))
    #expect(Fingerprint.of(Self.metrics(1.0000000001)) == Fingerprint.of(Self.metrics(1)))
    #expect(Fingerprint.of(Self.metrics(0.1 + 0.2)) == Fingerprint.of(Self.metrics(0.3)))
    #expect(Fingerprint.of(Self.metrics(1.00001)) != Fingerprint.of(Self.metrics(1.00002)))
    #expect(Fingerprint.of(Self.metrics(-0.0)) == Fingerprint.of(Self.metrics(0)))
    let table = { (value: Double) -> [CellOutput] in
      [
        .table(
          TableOutput(columns: ["x"], types: [.double], rows: [[.double(value)]], totalRows: 1))
      ]
    }
    #expect(Fingerprint.of(table(123456.7890001)) == Fingerprint.of(table(123456.789)))
  }

  @Test func differsForDifferentOutputs() {
    let base = Fingerprint.of([.text("a")])
    #expect(base != Fingerprint.of([.text("b")]))
    #expect(base != Fingerprint.of([.text("a"), .text("a")]))
    #expect(
      base != Fingerprint.of([.error(ErrorOutput(code: "a", message: "", line: 0, column: 0))]))
    var changed = SampleNotebook.table
    changed.totalRows += 1
    #expect(Fingerprint.of([.table(SampleNotebook.table)]) != Fingerprint.of([.table(changed)]))
  }
}

@Suite("SHA256")
struct SHA256Tests {
  // FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf" and the one-million-a test).
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func matchesTestVectors(_ message: String, _ digest: String) {
    #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
  }

  @Test func hashesAMillionAs() {
    let digest = SHA256.hexDigest(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
    #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func feedsInPiecesLikeAtOnce() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    var hasher = SHA256()
    hasher.update(bytes[0..<63])
    hasher.update(bytes[63..<64])
    hasher.update(bytes[64..<500])
    hasher.update(bytes[500...])
    #expect(hasher.finalize() == SHA256.hash(bytes))
  }
}

@Suite("CellID")
struct CellIDTests {
  @Test func generatesValidUniqueReproducibleIDs() {
    var random = SeededRandom(seed: 7)
    var used: Set<String> = []
    for _ in 0..<2000 {
      let id = CellID.generate(using: &random, avoiding: used)
      #expect(CellID.isValid(id))
      #expect(!used.contains(id))
      used.insert(id)
    }
    var again = SeededRandom(seed: 7)
    var first = SeededRandom(seed: 7)
    #expect(
      CellID.generate(using: &again, avoiding: []) == CellID.generate(using: &first, avoiding: []))
  }

  @Test func avoidsTakenIDs() {
    var probe = SeededRandom(seed: 3)
    let taken = CellID.generate(using: &probe, avoiding: [])
    var random = SeededRandom(seed: 3)
    let id = CellID.generate(using: &random, avoiding: [taken])
    #expect(id != taken)
    #expect(CellID.isValid(id))
  }

  @Test(arguments: ["abcd1234", "00000000", "zzzzzzzz"])
  func acceptsWellFormedIDs(_ id: String) { #expect(CellID.isValid(id)) }

  @Test(arguments: ["", "abcd123", "abcd12345", "ABCD1234", "abcd-234", "abcd123é"])
  func rejectsMalformedIDs(_ id: String) { #expect(!CellID.isValid(id)) }
}
