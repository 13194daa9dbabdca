import Foundation
import Testing

@testable import DSWCore

/// The customer-data statements end to end in a session: the errors a user
/// meets (rendered exactly), and activation files that match their audience.
@Suite struct CustomerDataStatementTests {
  static func session() -> (Session, MemoryFiles) {
    let files = MemoryFiles()
    let context = SessionContext(files: files, sandbox: PathSandbox(base: "/nb"), maxRows: 1_000)
    let session = Session(context: context)
    let setup = session.run(
      """
      synth cmle (users: 300, seed: 5)
      let scores = from events | aggregate n = count() by userId | derive propensity = n / 40.0
      ingest scores into profile by userId
      audience likely = from profile | filter propensity >= 0.3
      """)
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    return (session, files)
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  @Test func anAudienceMustBeOverTheProfile() {
    let (session, _) = Self.session()
    #expect(
      Self.rendered(session, "audience a = from events | filter userId is not null") == """
        error[E710]: an audience is a rule over `profile`, not over `events`
         --> cell 1 (test0001), line 1, column 19
          |
        1 | audience a = from events | filter userId is not null
          |                   ^^^^^^
          = help: ingest the dataset into the profile first, then write `audience a = from profile | ...`
        """)
  }

  @Test func ingestingByAMissingColumnNamesTheColumns() {
    let (session, _) = Self.session()
    let text = Self.rendered(session, "ingest scores into profile by userID")
    #expect(text.hasPrefix("error[E701]: unknown column `userID` in `scores`"))
    #expect(text.contains("= help: did you mean `userId`?"))
  }

  @Test func ingestingIntoSomethingElseIsRefused() {
    let (session, _) = Self.session()
    #expect(
      Self.rendered(session, "ingest scores into profiles by userId") == """
        error[E712]: datasets are ingested into `profile`, not `profiles`
         --> cell 1 (test0001), line 1, column 20
          |
        1 | ingest scores into profiles by userId
          |                    ^^^^^^^^
          = help: write `ingest scores into profile by userId`
        """)
  }

  @Test func activatingOutsideTheFolderIsRefused() {
    let (session, files) = Self.session()
    #expect(
      Self.rendered(session, "activate likely to \"../elsewhere/likely.csv\"") == """
        error[F010]: the path "../elsewhere/likely.csv" is outside the notebook's folder
         --> cell 1 (test0001), line 1, column 20
          |
        1 | activate likely to "../elsewhere/likely.csv"
          |                    ^^^^^^^^^^^^^^^^^^^^^^^^^
          = note: notebooks may read and write only inside /nb
          = help: run with `--allow-path DIR` to allow another folder
        """)
    #expect(files.files.isEmpty)
  }

  @Test func anUnknownAudienceSuggestsOne() {
    let (session, _) = Self.session()
    let text = Self.rendered(session, "overlap likley, likely")
    #expect(text.hasPrefix("error[E713]: unknown audience `likley`"))
    #expect(text.contains("= help: did you mean `likely`?"))
  }

  @Test func activationWritesExactlyTheMembersAndIsByteIdenticalWhenRepeated() throws {
    let (session, files) = Self.session()
    let members = session.run(
      "from profile | filter propensity >= 0.3 | select userId, email, propensity")
    guard case .table(let expected)? = members.outputs.last else {
      Issue.record("no members table")
      return
    }
    let run = session.run("activate likely to \"out/likely.csv\" with [email, propensity]")
    #expect(run.error == nil)
    #expect(
      run.outputs == [
        .text("activated likely: \(expected.totalRows) members with 3 columns to out/likely.csv")
      ])
    let first = try #require(files.files["/nb/out/likely.csv"])
    let lines = String(decoding: first, as: UTF8.self).split(separator: "\n")
    #expect(lines.first == "userId,email,propensity")
    #expect(lines.count == expected.totalRows + 1)
    let ids = Set(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" })
    let expectedIDs = Set(
      expected.rows.map { row -> String in
        if case .string(let id) = row[0] { return id }
        return ""
      })
    #expect(ids == expectedIDs)
    _ = session.run("activate likely to \"out/likely.csv\" with [email, propensity]")
    #expect(files.files["/nb/out/likely.csv"] == first)
  }

  @Test func anUnknownModelArgumentSuggestsTheRightOne() {
    let (session, _) = Self.session()
    _ = session.run("let f = from scores | derive high = propensity > 0.3")
    let text = Self.rendered(
      session, "train m = gbt(f, target: high, exclude: [userId], tress: 10)")
    #expect(text.hasPrefix("error[M001]: unknown argument `tress` for gbt"))
    #expect(text.contains("did you mean `trees`?"))
  }
}
