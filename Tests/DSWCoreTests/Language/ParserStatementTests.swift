import Testing

@testable import DSWCore

/// Every statement and pipeline step of DESIGN §4 parses to the expected tree.
@Suite struct ParserStatementTests {
  /// The statement block of DESIGN §4, verbatim.
  static let designStatements = """
    param users = 20000                     # a notebook parameter; `dsw run -p users=500` overrides it
    synth cmle (users: users, seed: 42)     # generates the datasets `profiles` and `events`
    load "data/cdnow.csv" as purchases      # CSV, TSV, JSON, JSON Lines; format by extension
    load "data/x.txt" as x (format: "csv", delimiter: " ", header: false)
    let opens = from events | filter eventType == "directMarketing.emailOpened"
    datasets                                # the catalog: datasets, rows, columns, memory
    schema events                           # fields, types, identity fields
    describe events                         # column profile: type, nulls, distinct, min/max/mean, histogram
    correlate features                      # correlation matrix of the numeric columns
    expect events: userId is not null, timestamp >= date("2020-01-01")   # fails the cell on violations
    funnel events (steps: ["directMarketing.emailSent", "directMarketing.emailOpened", "directMarketing.emailClicked", "web.formFilledOut"])
    export opens to "out/opens.csv"         # CSV or JSON Lines, by extension
    drop opens                              # removes a dataset from the catalog
    train conv = gbt(features, target: converted, exclude: [userId], split: 0.8, seed: 7)
    train segs = kmeans(features, k: 5, exclude: [userId], seed: 7)
    evaluate conv                           # holdout metrics, lift by decile, feature importance
    models                                  # the model registry: name, version, algorithm, target, metrics
    save model conv to "models/conv.json"   # and: load model "models/conv.json" as conv
    ingest scores into profile by userId    # merge every other column of `scores` into the profile store
    audience likely = from profile | filter propensity >= 0.6
    audience loyal = from profile | filter loyaltyTier in ["gold", "platinum"]
    audiences                               # every audience with its current size
    overlap likely, loyal                   # sizes of likely only, loyal only, both
    activate likely to "out/likely.csv"     # writes the members with their identity and attributes
    """

  /// The pipeline example of DESIGN §4, verbatim.
  static let designPipeline = """
    from events
    | filter eventType == "commerce.purchases" and timestamp >= date("2024-02-01")
    | derive week = date_trunc("week", timestamp), revenue = price * quantity
    | aggregate orders = count(), revenue = sum(revenue) by week
    | sort -revenue, week
    | take 10
    """

  @Test func designStatementBlockParses() throws {
    let program = try Parser.parseProgram(Self.designStatements)
    #expect(program.statements.count == 24)
    Golden.assertMatches(ASTDump.dump(program) + "\n", at: "Language/design-statements.txt")
  }

  @Test func designPipelineParses() throws {
    let program = try Parser.parseProgram(Self.designPipeline)
    #expect(program.statements.count == 1)
    Golden.assertMatches(ASTDump.dump(program) + "\n", at: "Language/design-pipeline.txt")
  }
}
