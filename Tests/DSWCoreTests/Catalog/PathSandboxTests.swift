import Testing

@testable import DSWCore

/// Paths from a notebook reach file names only whole: a NUL or another control
/// character is refused before any file is touched.
@Suite struct PathSandboxTests {
  static func session() -> (Session, MemoryFiles) {
    let files = MemoryFiles(["/nb/in.csv": Array("a,b\n1,2\n".utf8)])
    let context = SessionContext(files: files, sandbox: PathSandbox(base: "/nb"), maxRows: 100)
    let session = Session(context: context)
    let setup = session.run(
      """
      synth cmle (users: 20, seed: 5)
      let scores = from profiles | derive propensity = loyaltyPoints / 1000.0 | select userId, propensity
      ingest scores into profile by userId
      audience likely = from profile | filter propensity >= 0.1
      let points = from profiles | derive spend = loyaltyPoints * 2 | select loyaltyPoints, spend
      train m = linear(points, target: spend)
      """)
    #expect(setup.error == nil, "\(String(describing: setup.error))")
    return (session, files)
  }

  static func rendered(_ session: Session, _ source: String) -> String {
    let run = session.run(source)
    guard let error = run.error else { return "(no error)" }
    return DiagnosticRenderer.render(error, source: source, location: "cell 1 (test0001)")
  }

  @Test func aNulInAnExportPathIsRefusedWithItsCode() {
    let (session, files) = Self.session()
    let before = files.files
    let source = #"export profiles to "victim.dswnb\u{0}.csv""#
    #expect(
      Self.rendered(session, source) == #"""
        error[F011]: the path "victim.dswnb\u{0}.csv" holds a control character (NUL, U+0000)
         --> cell 1 (test0001), line 1, column 20
          |
        1 | export profiles to "victim.dswnb\u{0}.csv"
          |                    ^^^^^^^^^^^^^^^^^^^^^^^
          = note: a file name cannot hold NUL, other control characters or DEL
          = help: remove the control character from the path
        """#)
    #expect(files.files == before)
  }

  @Test(arguments: [
    #"activate likely to "x.dswnb\u{0}.csv""#,
    #"save model m to "m.json\u{0}.json""#,
    #"load "in.csv\u{0}.csv" as x"#,
    #"load model "m\u{1b}.json" as m2"#,
    #"export profiles to "a\nb.csv""#,
    #"export profiles to "a\u{7f}.csv""#,
    #"export profiles to "a\u{85}.csv""#,
    #"export profiles to "out/\u{9b}2J.jsonl""#,
  ])
  func everyStatementRefusesAControlCharacterInItsPath(_ source: String) {
    let (session, files) = Self.session()
    let before = files.files
    let run = session.run(source)
    #expect(run.error?.code == "F011", "\(source): \(String(describing: run.error))")
    #expect(files.files == before)
  }

  @Test func aHiddenFileIsRefused() {
    let (session, files) = Self.session()
    let before = files.files
    let source = #"export profiles to "sub/../.git/config" (format: "csv")"#
    #expect(
      Self.rendered(session, source) == #"""
        error[F012]: the path "sub/../.git/config" names a hidden file or folder (`.git`)
         --> cell 1 (test0001), line 1, column 20
          |
        1 | export profiles to "sub/../.git/config" (format: "csv")
          |                    ^^^^^^^^^^^^^^^^^^^^
          = note: notebooks may not read or write hidden files and folders, such as `.git` or `.env`
          = help: use a path in which no file or folder name starts with `.`
        """#)
    #expect(session.run(#"load ".env" as secrets (format: "csv")"#).error?.code == "F012")
    #expect(files.files == before)
  }

  @Test func onlyDataFilesAreWritten() {
    let (session, files) = Self.session()
    let before = files.files
    let source = #"export profiles to "victim.dswnb" (format: "csv")"#
    #expect(
      Self.rendered(session, source) == #"""
        error[F013]: the path "victim.dswnb" is not a data file, so a notebook may not write it
         --> cell 1 (test0001), line 1, column 20
          |
        1 | export profiles to "victim.dswnb" (format: "csv")
          |                    ^^^^^^^^^^^^^^
          = note: statements write only files ending in .csv, .tsv, .tab, .txt, .json, .jsonl, .ndjson or .parquet
          = help: give the file one of those extensions
        """#)
    #expect(session.run(#"save model m to "build.sh""#).error?.code == "F013")
    #expect(
      session.run(#"activate likely to "hooks/pre-commit" (escape_formulas: false)"#).error?.code
        == "E234")
    #expect(session.run(#"export profiles to ".csv""#).error?.code == "F012")
    #expect(files.files == before)
    #expect(session.run(#"export profiles to "out/UPPER.CSV""#).error == nil)
    #expect(session.run(#"save model m to "models/m.json""#).error == nil)
  }

  @Test func aHiddenFolderAboveTheNotebookIsFine() {
    let files = MemoryFiles(["/home/me/.local/nb/in.csv": Array("a\n1\n".utf8)])
    let session = Session(
      context: SessionContext(
        files: files, sandbox: PathSandbox(base: "/home/me/.local/nb"), maxRows: 10))
    #expect(session.run(#"load "in.csv" as t"#).error == nil)
    #expect(session.run(#"export t to "out.csv""#).error == nil)
  }

  @Test func aPlainPathStillWorks() {
    let (session, files) = Self.session()
    #expect(session.run(#"export profiles to "out/ok.csv""#).error == nil)
    #expect(files.files["/nb/out/ok.csv"] != nil)
  }

  @Test func theCheckNamesTheFirstControlCharacter() {
    #expect(throws: Diagnostic.self) {
      try PathSandbox.refuseControlCharacters(in: "a\u{9F}b")
    }
    #expect(throws: Never.self) { try PathSandbox.refuseControlCharacters(in: "données/é‮.csv") }
  }
}
