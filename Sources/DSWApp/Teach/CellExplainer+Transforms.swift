import DSWCore

/// Each pipeline step and its SQL counterpart.
extension CellExplainer {
  static func explanation(for transform: Transform) -> Explanation {
    switch transform.kind {
    case .filter:
      Explanation(
        "filter", short: "`filter` (WHERE)",
        "`filter …` keeps the rows where the condition holds: SQL's WHERE. Compare with `==`.")
    case .select:
      Explanation(
        "select", short: "`select` (the SELECT list)",
        "`select …` keeps or computes just these columns: the SELECT list.")
    case .drop:
      Explanation(
        "drop-columns", short: "`| drop` (remove columns)",
        "`| drop …` removes columns; every other column passes through.")
    case .rename:
      Explanation(
        "rename", short: "`rename` (AS)", "`rename new = old` renames columns, like `old AS new`.")
    case .derive:
      Explanation(
        "derive", short: "`derive` (computed columns)",
        "`derive name = …` adds computed columns and keeps the rest, like `SELECT *, … AS name`.")
    case .aggregate(_, let keys) where keys.isEmpty:
      Explanation(
        "aggregate-all", short: "`aggregate` (one summary row)",
        "`aggregate …` with no `by` sums up the whole table in one row, like "
          + "`SELECT count(*) FROM …`.")
    case .aggregate:
      Explanation(
        "aggregate", short: "`aggregate … by` (GROUP BY)",
        "`aggregate … by …` is GROUP BY: one row per key, with the aggregates you name.")
    case .sort:
      Explanation(
        "sort", short: "`sort` (ORDER BY)",
        "`sort …` is ORDER BY; a `-` before a column sorts it descending.")
    case .take:
      Explanation("take", short: "`take` (LIMIT)", "`take N` is LIMIT N.")
    case .distinct:
      Explanation(
        "distinct", short: "`distinct` (DISTINCT)",
        "`distinct` is SELECT DISTINCT; with columns, it keeps the first row of each key.")
    case .join:
      Explanation(
        "join", short: "`join` (JOIN)",
        "`join … on …` is a JOIN: inner unless it says `left`, `semi` or `anti`.")
    case .append:
      Explanation(
        "append", short: "`append` (UNION ALL)",
        "`append …` stacks another dataset's rows under these, matching columns by name: "
          + "UNION ALL.")
    case .pivot:
      Explanation(
        "pivot", short: "`pivot` (a crosstab)",
        "`pivot COLUMN (…) by …` turns each value of COLUMN into a column of its own: a crosstab.")
    case .window:
      Explanation(
        "window", short: "`window` (window functions)",
        "`window by … order … derive …` computes values over groups of rows without collapsing "
          + "them: window functions, OVER (PARTITION BY … ORDER BY …).")
    case .sample:
      Explanation(
        "sample", short: "`sample` (random rows)",
        "`sample` keeps a random subset of rows, repeatable with its seed, like TABLESAMPLE.")
    case .expect:
      Explanation(
        "expect-step", short: "`| expect` (row checks)",
        "`| expect …` passes the rows through, but fails the cell if any row breaks a condition.")
    case .score(let step):
      Explanation(
        "score", short: "`| score` (add predictions)",
        "`| score \(step.models.map(\.name.text).joined(separator: ", "))` runs the model on each "
          + "row and adds a `score` column (and, for yes/no targets, `decile`: 1 is the most "
          + "likely tenth; lifetime-value models add expected purchases, spend and value).")
    case .chart:
      Explanation(
        "chart", short: "`| chart` (a chart)",
        "`| chart …` draws the result as a chart in the terminal.")
    case .describe:
      Explanation(
        "describe-step", short: "`| describe` (a column profile)",
        "`| describe` profiles the result's columns instead of showing its rows.")
    }
  }
}
