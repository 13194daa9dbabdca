import DSWCore
import Testing

@testable import DSWApp

@Suite("Completer")
struct CompleterTests {
  static func completer(pending: String = "") -> Completer {
    let context = CompletionContext()
    context.pendingText = pending
    let columns = ["groupby": ["id1", "id2", "v1", "v2"], "weird": ["first name", "web.page"]]
    return Completer(
      names: {
        CompletionNames(
          datasets: ["groupby", "weird"], models: ["conv"], audiences: ["likely", "loyal"],
          columns: { columns[$0] }, themes: ["dark", "light"])
      }, context: context)
  }

  @Test(arguments: [
    ("", ":he", [":help"]),
    ("", ":s", [":save", ":set", ":show", ":sql"]),
    (":help ", "ru", ["run", "running_count", "running_mean", "running_sum", "runs"]),
    (":theme ", "", ["dark", "light"]),
    (":run ", "s", ["stale"]),
    (":timer ", "o", ["off", "on"]),
    (":mode ", "m", ["markdown"]),
    (":pager ", "a", ["auto"]),
    (":set ", "d", ["digits"]),
    (":add ", "mark", ["markdown"]),
    (":export ", "i", ["ipynb"]),
    (":cells ", "", []),
    ("", "fr", ["from"]),
    ("", "aud", ["audience", "audiences"]),
    ("from ", "gr", ["groupby"]),
    ("from groupby | ", "fil", ["filter"]),
    ("from groupby | filter ", "v", ["v1", "v2", "variance("]),
    ("from groupby | derive ratio = v1 / v2 | filter ", "ra", ["rank(", "ratio"]),
    ("from groupby | aggregate n = ", "cou", ["count(", "count_distinct(", "count_if("]),
    ("from groupby | join ", "w", ["weird"]),
    ("from weird | select ", "fir", ["`first name`", "first("]),
    ("from weird | select ", "`fir", ["`first name`"]),
    ("from weird | select ", "web", ["web.page"]),
    ("from groupby | score ", "", ["conv"]),
    ("evaluate ", "c", ["conv"]),
    ("overlap likely, ", "lo", ["loyal"]),
    ("activate ", "l", ["likely", "loyal"]),
    ("describe ", "G", ["groupby"]),
    ("from groupby | filter v1 ", "an", ["and"]),
  ])
  func completes(before: String, word: String, expected: [String]) {
    #expect(Self.completer().complete(before: before, word: word) == expected)
  }

  @Test func pathsAreLeftToReadline() {
    #expect(Self.completer().complete(before: ":save ", word: "no") == nil)
    #expect(Self.completer().complete(before: ":export md ", word: "o") == nil)
  }

  @Test func earlierLinesOfTheEntryGiveTheScope() {
    let completer = Self.completer(pending: "from groupby\n| filter v1 > 1")
    #expect(completer.complete(before: "| ", word: "ta") == ["take"])
    #expect(completer.complete(before: "| select ", word: "id") == ["id1", "id2"])
    let open = Self.completer(pending: "synth groupby (rows: 10,")
    #expect(open.complete(before: "", word: "r") != ["rename"])
  }
}

@Suite("Cell dependencies")
struct CellDependenciesTests {
  @Test(arguments: [
    (
      "let a = from b | join c on k | append d", ["dataset:a"],
      ["dataset:b", "dataset:c", "dataset:d"]
    ),
    ("load \"x.csv\" as x", ["dataset:x"], []),
    ("synth cmle (users: 10)", ["dataset:events", "dataset:profiles"], []),
    ("synth groupby (rows: 10)", ["dataset:groupby"], []),
    ("synth groupby (rows: 10, as: \"g\")", ["dataset:g"], []),
    ("train m = gbt(f, target: y)", ["model:m"], ["dataset:f"]),
    ("from f | score m", [], ["dataset:f", "model:m"]),
    ("evaluate m", [], ["model:m"]),
    ("load model \"m.json\" as m", ["model:m"], []),
    ("ingest s into profile by userId", ["dataset:profile"], ["dataset:s"]),
    ("audience a = from profile | filter x > 1", ["audience:a"], ["dataset:profile"]),
    ("overlap a, b", [], ["audience:a", "audience:b"]),
    ("activate a to \"o.csv\"", [], ["audience:a"]),
    ("datasets", [], ["dataset:*"]),
    (
      "describe t\nschema u\nexpect v: x > 1\nfunnel w\nexport z to \"z.csv\"\ncorrelate q", [],
      ["dataset:q", "dataset:t", "dataset:u", "dataset:v", "dataset:w", "dataset:z"]
    ),
    ("drop t", ["dataset:t"], ["dataset:t"]),
    ("from broken |", [], []),
  ])
  func definesAndReads(source: String, defines: [String], reads: [String]) {
    let dependencies = CellDependencies(source: source)
    let show = { (symbols: Set<CellSymbol>) in
      symbols.filter { $0.namespace != .parameter }.sorted().map {
        "\($0.namespace.rawValue):\($0.name)"
      }
    }
    #expect(show(dependencies.defines) == defines)
    #expect(show(dependencies.reads) == reads)
  }

  @Test func parametersAreReadByName() {
    let cells = [
      Cell(id: "aaaaaaaa", kind: .query, source: "param n = 5"),
      Cell(id: "bbbbbbbb", kind: .query, source: "from t | take n"),
      Cell(id: "cccccccc", kind: .query, source: "from t | take 1"),
    ]
    let defined = CellDependencies(source: cells[0].source).defines
    #expect(Staleness.affected(after: 0, defining: defined, in: cells) == [1])
  }

  @Test func aRedefinitionHidesTheChangeFromLaterCells() {
    let cells = [
      Cell(id: "aaaaaaaa", kind: .query, source: "synth groupby (rows: 10)"),
      Cell(id: "bbbbbbbb", kind: .query, source: "let x = from groupby | take 1"),
      Cell(id: "cccccccc", kind: .query, source: "synth groupby (rows: 20)"),
      Cell(id: "dddddddd", kind: .query, source: "from groupby | take 1"),
      Cell(id: "eeeeeeee", kind: .query, source: "from x | take 1"),
      Cell(id: "ffffffff", kind: .markdown, source: "from x"),
    ]
    let defined = CellDependencies(source: cells[0].source).defines
    #expect(Staleness.affected(after: 0, defining: defined, in: cells) == [1, 4])
  }
}

@Suite("History and prompts")
struct HistoryFileTests {
  @Test func entriesRoundTripThroughLines() {
    for entry in ["plain", "two\nlines", "back\\slash\\n", "cr\r\nlf", "", "ünïcode → ✓"] {
      let line = HistoryFile.encode(entry)
      #expect(!line.contains("\n") && !line.contains("\r"))
      #expect(HistoryFile.decode(line) == entry)
    }
  }

  @Test func theFileKeepsMultiLineEntriesAndIsTrimmed() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var history = HistoryFile(path: folder.path + "/state/dsw/history")
    history.limit = 3
    for entry in ["a", "b\nc", "d", "e"] { history.append(entry) }
    #expect(history.load() == ["b\nc", "d", "e"])
    #expect(history.load() == ["b\nc", "d", "e"])
  }

  @Test func thePathFollowsXDG() {
    #expect(
      HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])
        == "/s/dsw/history")
    #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/dsw/history")
    #expect(
      HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])
        == "/h/.local/state/dsw/history")
    #expect(HistoryFile.defaultPath(environment: [:]) == nil)
  }

  @Test func promptEscapesAreBracketedForReadline() {
    let prompt = "\u{1B}[1;36mnb\u{1B}[0m [1]> "
    #expect(
      ReadlineLineReader.readlinePrompt(prompt)
        == "\u{1}\u{1B}[1;36m\u{2}nb\u{1}\u{1B}[0m\u{2} [1]> ")
    #expect(ReadlineLineReader.readlinePrompt("plain> ") == "plain> ")
  }
}

extension CompleterTests {
  @Test func aPipeLineCompletesInThePreviousPipelineScope() {
    let completer = Self.completer()
    completer.context.lastPipeline = "from groupby | select id1, v1"
    #expect(
      completer.complete(before: "| sort ", word: "i") == [
        "id1", "id2", "if(", "ilike(", "in", "is",
      ])
    #expect(completer.complete(before: "| ", word: "so") == ["sort"])
  }

  @Test func stringsCompleteFileNames() {
    #expect(Self.completer().complete(before: "load \"data/", word: "x") == nil)
    #expect(Self.completer().complete(before: ":export md out/", word: "n") == nil)
  }
}
