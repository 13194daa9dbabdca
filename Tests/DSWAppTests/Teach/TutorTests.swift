import DSWCore
import Testing

@testable import DSWApp

/// The walk as a learner meets it: goldens of whole transcripts, plus the
/// exact text of every message the tutor gives.
@Suite("Teach: the tutor")
struct TutorTests {
  @Test(
    "a preview says which rows it shows: the first of many, the one row, or all",
    arguments: [
      (3, 200, "The first 3 of 200 rows of `x` (1 column):"),
      (1, 1, "The one row of `x` (1 column):"),
      (2, 2, "All 2 rows of `x` (1 column):"),
    ])
  func previewTitles(shown: Int, total: Int, title: String) {
    #expect(Tutor.previewTitle(shown: shown, of: total, name: "x", columns: 1) == title)
  }

  @Test("Enter at every step walks to the end and reads each result")
  func walksWithEnter() {
    let (summary, text, reader) = TeachHarness.practice().walk(["", "", "", ""])
    #expect(summary == Tutor.Summary(outcome: .finished, ran: 3, skipped: 0, failed: 1))
    #expect(reader.prompts == ["step 1/4> ", "step 2/4> ", "step 3/4> ", "step 4/4> "])
    #expect(!text.contains("\u{1B}"))
    TeachSnapshot.assert(text, named: "walk-enter")
  }

  @Test("an error cell shows its caret and the walk goes on")
  func errorCellContinues() {
    let (_, text, _) = TeachHarness.practice().walk(["", "", "", ""])
    #expect(
      text.contains(
        """
        error[E104]: `=` is assignment; use `==` to compare
         --> cell 6 (cell0005), line 2, column 13
          |
        2 | | filter v1 = 3
          |             ^
          = help: write `v1 == 3`
        This cell failed: the error above shows where. The walk goes on, but later cells
        that need what this one makes may fail too.
        """))
    #expect(text.contains("That is the end of the walk-through: of 4 cells, 3 ran, 1 failed."))
  }

  @Test(":skip moves on without running, and names what later cells will miss")
  func skipWarns() {
    let (summary, text, _) = TeachHarness.practice().walk([":skip", ":skip", ":quit"])
    #expect(summary == Tutor.Summary(outcome: .quit, ran: 0, skipped: 2, failed: 0))
    #expect(
      text.contains(
        """
        Skipped cell 2 without running it. It would have made `groupby`; later cells
        that use it will fail.
        """))
    #expect(
      text.contains(
        """
        Skipped cell 4 without running it. It only looks at data, so later cells do not
        need it.
        """))
    #expect(text.hasSuffix("step 3/4> :quit\nYou stopped at step 3 of 4.\n"))
    TeachSnapshot.assert(text, named: "skip-quit")
  }

  @Test(":back shows the previous step again, and Enter there runs it again")
  func backReshows() {
    let harness = TeachHarness.practice()
    let (summary, text, reader) = harness.walk([":back", "", "", ":back", "", ":quit"])
    #expect(summary == Tutor.Summary(outcome: .quit, ran: 2, skipped: 0, failed: 0))
    #expect(
      reader.prompts == [
        "step 1/4> ", "step 1/4> ", "step 2/4> ", "step 3/4> ", "step 2/4> ", "step 3/4> ",
      ])
    #expect(text.contains("step 1/4> :back\nThis is the first step; there is nothing before it.\n"))
    #expect(
      text.contains(
        """
        You ran this step before. Going back undoes nothing: Enter runs the cell again
        against the session as it is now, and :skip moves on without running it again.
        """))
    TeachSnapshot.assert(text, named: "back")
  }

  @Test("the learner's own lines run in the session, then the prompt asks again")
  func learnerAttempts() {
    let (summary, text, reader) = TeachHarness.practice().walk([
      "from groupby | take 1",  // before the data exists: an error with a caret
      "",
      "from groupby",
      "| aggregate n = count()",  // extends the previous line
      "from groupby |",  // continues on the next line
      "  filter v1 == 5 |",
      "  aggregate rows = count()",
      "let mine = from groupby | take 2",
      ":quit",
    ])
    #expect(summary.outcome == .quit)
    #expect(reader.prompts.filter { $0.hasSuffix("... ") }.count == 2)
    #expect(
      reader.history == [
        "from groupby", "| aggregate n = count()",
        "from groupby |\n  filter v1 == 5 |\n  aggregate rows = count()",
        "let mine = from groupby | take 2",
      ])
    #expect(
      text.contains(
        """
        error[E212]: unknown dataset `groupby`
         --> your line, line 1, column 6
        """))
    TeachSnapshot.assert(text, named: "attempts")
  }

  @Test("a line that starts with | needs an earlier line to extend")
  func pipeWithoutEarlierLine() {
    let (_, text, _) = TeachHarness.practice().walk(["| take 1"])
    #expect(
      text.contains(
        """
        step 1/4> | take 1
        A line that starts with `|` adds a step to your previous line; start with a
        whole pipeline, like `from NAME | take 5`.
        Enter runs step 1's cell; or try another line.
        """))
  }

  @Test("an unknown colon command is named, with a suggestion")
  func unknownCommand() {
    let (summary, text, _) = TeachHarness.practice().walk([":skp", ":frobnicate"])
    #expect(summary.outcome == .endOfInput)
    #expect(
      text.contains(
        """
        step 1/4> :skp
        `:skp` is not a teach command; did you mean `:skip`? the commands are :back,
        :skip, :quit and :help.
        """))
    #expect(
      text.contains(
        """
        step 1/4> :frobnicate
        `:frobnicate` is not a teach command; the commands are :back, :skip, :quit and
        :help.
        """))
  }

  @Test(":help lists the keys again")
  func help() {
    let (_, text, _) = TeachHarness.practice().walk([":help"])
    #expect(
      text.contains(
        """
        step 1/4> :help
          Enter       run the cell and see what it gives
          a dsw line  try something of your own first; it runs in the same session
          :back       show the previous step again (nothing is undone)
          :skip       move on without running the cell
          :quit       stop here
          :help       show these keys
        """))
  }

  @Test("the end of input stops the walk cleanly where it is")
  func endOfInput() {
    let (summary, text, _) = TeachHarness.practice().walk([""])
    #expect(summary == Tutor.Summary(outcome: .endOfInput, ran: 1, skipped: 0, failed: 0))
    #expect(text.hasSuffix("\nEnd of input: stopped at step 2 of 4.\n"))
    #expect(!text.contains("That is the end of the walk-through"))
  }

  @Test("the end of input inside a continued line stops cleanly too")
  func endOfInputInsideEntry() {
    let (summary, text, _) = TeachHarness.practice().walk(["", "from groupby |"])
    #expect(summary.outcome == .endOfInput)
    #expect(text.hasSuffix("End of input: stopped at step 2 of 4.\n"))
  }

  @Test("a notebook without code cells shows its text and ends")
  func onlyMarkdown() {
    let harness = TeachHarness([(.markdown, "# Notes\n\nNothing to run.")], title: nil)
    let (summary, text, reader) = harness.walk([])
    #expect(summary == Tutor.Summary(outcome: .finished, ran: 0, skipped: 0, failed: 0))
    #expect(reader.prompts.isEmpty)
    #expect(
      text == """
        dsw teach · practice.dswnb

        This notebook has no code cells, so there is nothing to run; here is its text.
        Notes
        ═════

        Nothing to run.


        """)
  }

}

/// The customer-data workflow as a learner walks it: the kinds' sentences
/// and the readings of ingest, audiences and activation.
@Suite("Teach: the customer-data workflow")
struct TutorWorkflowTests {
  @Test("Enter at each step of a small workflow reads every stage")
  func workflow() {
    let harness = TeachHarness([
      (.markdown, "# Customers\n\nGenerate customers, count their purchases, build an audience."),
      (.query, "synth cmle (users: 200, seed: 42)"),
      (
        .query,
        """
        funnel events (steps: ["directMarketing.emailSent", "directMarketing.emailOpened"])
        """
      ),
      (
        .query,
        """
        let activity = from events
        | aggregate purchases = count_if(eventType == "commerce.purchases") by userId
        """
      ),
      (.ingest, "ingest activity into profile by userId"),
      (
        .audience,
        """
        audience buyers = from profile | filter purchases >= 1
        audiences
        """
      ),
      (.audience, "activate buyers to \"out/buyers.csv\""),
    ])
    let (summary, text, _) = harness.walk(Array(repeating: "", count: 6))
    #expect(summary == Tutor.Summary(outcome: .finished, ran: 6, skipped: 0, failed: 0))
    TeachSnapshot.assert(text, named: "workflow")
  }
}

/// Text from a stranger's notebook never reaches the terminal raw.
@Suite("Teach: safe output")
struct TutorSafetyTests {
  @Test("control characters in names and code are shown escaped")
  func escapes() {
    let harness = TeachHarness(
      [(.query, "let `bad\u{1B}[2Jname` = from nowhere")], title: "t\u{1B}]0;x\u{7}")
    let (_, text, _) = harness.walk([":skip"])
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("\u{7}"))
    #expect(text.contains("`bad\\e[2Jname`"))
  }
}
