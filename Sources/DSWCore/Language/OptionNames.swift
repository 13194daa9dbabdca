/// The `(name: value)` options each statement and step accepts, listed once.
///
/// The statements check their options against these lists, and the language
/// reference is checked against them too, so an option cannot be added
/// without the reference hearing of it.
public enum OptionNames {
  public static let load = [
    "format", "delimiter", "header", "on_error", "null", "types", "columns", "skip", "comment",
    "quote", "escape", "decimal", "date_format",
  ]
  public static let export = ["format", "escape_formulas", "compression", "row_group_rows"]
  public static let synthCMLE = ["users", "seed", "weeks", "start"]
  public static let synthGroupBy = ["rows", "k", "nas", "seed", "as"]
  public static let activate = ["escape_formulas"]
  public static let connect = ["password_env", "statement_timeout"]
  /// `export DATASET to CONNECTION.schema.table (…)`.
  public static let exportToTable = ["mode"]
  public static let funnel = ["steps", "user", "event", "time"]
  public static let sample = ["seed"]
  public static let histogram = ["bins"]
  // Explanations and lifetime value (issue 19).
  public static let score = ["explain", "horizon", "discount_rate"]
  public static let explain = ["feature", "data"]
  /// `tune`'s own options; it takes its model's arguments too.
  public static let tune = ["search", "trials", "metric"]

  /// Every owner of options: the reference entry that documents them (a
  /// statement or step keyword) and the names it takes.
  public static let byOwner: [(owner: String, names: [String])] = [
    ("load", load), ("export", export + exportToTable), ("connect", connect),
    ("synth", synthCMLE + synthGroupBy), ("activate", activate),
    ("funnel", funnel), ("sample", sample), ("chart", histogram),
    ("score", score), ("explain", explain), ("tune", tune),
  ]
}
