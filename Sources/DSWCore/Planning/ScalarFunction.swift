/// The scalar functions of the language, each computed a column at a time.
public enum ScalarFunction: String, Sendable, CaseIterable {
  // Conditionals.
  case ifThenElse = "if"
  case coalesce
  // Strings.
  case lower, upper, trim, length, substr, concat, replace, contains
  case startsWith = "starts_with"
  case endsWith = "ends_with"
  case ltrim, rtrim, lpad, rpad
  case concatWs = "concat_ws"
  case splitPart = "split_part"
  // Patterns.
  case like, ilike
  case regexpMatches = "regexp_matches"
  case regexpExtract = "regexp_extract"
  case regexpReplace = "regexp_replace"
  // Dates and times.
  case date
  case tryDate = "try_date"
  case timestamp
  case year, month, day, hour, weekday
  case dateTrunc = "date_trunc"
  case dateAdd = "date_add"
  case daysBetween = "days_between"
  case hoursBetween = "hours_between"
  case minutesBetween = "minutes_between"
  // Math.
  case abs, round, floor, ceil, pow, sqrt, exp, log, ln, log10
  case greatest, least

  /// A one-line signature for help text and errors.
  public var signature: String {
    switch self {
    case .ifThenElse: "if(condition, then, else)"
    case .coalesce: "coalesce(x, y, ...)"
    case .lower: "lower(s)"
    case .upper: "upper(s)"
    case .trim: "trim(s [, characters])"
    case .ltrim: "ltrim(s [, characters])"
    case .rtrim: "rtrim(s [, characters])"
    case .lpad: "lpad(s, length [, fill])"
    case .rpad: "rpad(s, length [, fill])"
    case .concatWs: "concat_ws(separator, a, b, ...)"
    case .splitPart: "split_part(s, separator, n)"
    case .like: "s like pattern, or like(s, pattern)"
    case .ilike: "s ilike pattern, or ilike(s, pattern)"
    case .regexpMatches: "regexp_matches(s, pattern)"
    case .regexpExtract: "regexp_extract(s, pattern [, group])"
    case .regexpReplace: "regexp_replace(s, pattern, replacement [, \"g\"])"
    case .length: "length(s)"
    case .substr: "substr(s, start [, length])"
    case .concat: "concat(a, b, ...)"
    case .replace: "replace(s, from, to)"
    case .contains: "contains(s, part)"
    case .startsWith: "starts_with(s, prefix)"
    case .endsWith: "ends_with(s, suffix)"
    case .date: "date(text [, format])"
    case .tryDate: "try_date(text [, format])"
    case .timestamp: "timestamp(text)"
    case .year: "year(t)"
    case .month: "month(t)"
    case .day: "day(t)"
    case .hour: "hour(t)"
    case .weekday: "weekday(t)"
    case .dateTrunc: "date_trunc(unit, t)"
    case .dateAdd: "date_add(t, n, unit)"
    case .daysBetween: "days_between(a, b)"
    case .hoursBetween: "hours_between(a, b)"
    case .minutesBetween: "minutes_between(a, b)"
    case .abs: "abs(x)"
    case .round: "round(x [, digits])"
    case .floor: "floor(x)"
    case .ceil: "ceil(x)"
    case .pow: "pow(x, y)"
    case .sqrt: "sqrt(x)"
    case .exp: "exp(x)"
    case .log: "log(x)"
    case .ln: "ln(x)"
    case .log10: "log10(x)"
    case .greatest: "greatest(x, y, ...)"
    case .least: "least(x, y, ...)"
    }
  }
}

/// The aggregate functions, used by `aggregate`, `pivot` and `window`.
public enum AggregateFunction: String, Sendable, CaseIterable {
  case count
  case countDistinct = "count_distinct"
  case countIf = "count_if"
  case sum, mean, min, max, median, quantile, stddev, variance, corr, first, last
  case avg

  public var signature: String {
    switch self {
    case .count: "count() or count(x)"
    case .countDistinct: "count_distinct(x)"
    case .countIf: "count_if(condition)"
    case .quantile: "quantile(x, q)"
    case .corr: "corr(x, y)"
    default: "\(rawValue)(x)"
    }
  }
}

/// Functions that need row order within a partition: only `window` allows them.
public enum WindowFunction: String, Sendable, CaseIterable {
  case rowNumber = "row_number"
  case rank
  case denseRank = "dense_rank"
  case ntile
  case lag, lead
  case runningSum = "running_sum"
  case runningCount = "running_count"
  case runningMean = "running_mean"
}

/// Every function name the language knows, for suggestions and completion.
public enum FunctionNames {
  public static let all: [String] =
    ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue)
    + WindowFunction.allCases.map(\.rawValue) + ["cast", "try_cast"]
}
