/// The options of `synth groupby` and `synth cmle`, checked as a run checks
/// them: one reading for both running and `dsw check`, so that a check
/// reports every option error the run would.
enum SynthOptions {
  struct GroupBy {
    var rows: Int
    var k: Int
    var nas: Int
    var seed: Int
    /// The dataset's name (`as:`).
    var name: String
  }

  struct CMLE {
    var users: Int
    var seed: Int
    var weeks: Int
    /// Days since 1970-01-01.
    var start: Int64
  }

  static func groupBy(_ options: [Option], parameters: [String: Value]) throws(Diagnostic)
    -> GroupBy
  {
    let reader = try OptionReader(
      options, valid: OptionNames.synthGroupBy, context: "`synth groupby`",
      parameters: parameters)
    return GroupBy(
      rows: try reader.int("rows", default: 1_000_000, range: 0...500_000_000),
      k: try reader.int("k", default: 100, range: 1...1_000_000_000),
      nas: try reader.int("nas", default: 0, range: 0...100),
      seed: try reader.int("seed", default: 108, range: 0...Int.max),
      name: try reader.string("as") ?? "groupby")
  }

  static func cmle(_ options: [Option], parameters: [String: Value]) throws(Diagnostic) -> CMLE {
    let reader = try OptionReader(
      options, valid: OptionNames.synthCMLE, context: "`synth cmle`", parameters: parameters)
    return CMLE(
      users: try reader.int("users", default: 20_000, range: 1...CMLESynth.maximumUsers),
      seed: try reader.int("seed", default: 42, range: 0...Int.max),
      weeks: try reader.int(
        "weeks", default: CMLESynth.defaultWeeks, range: 1...CMLESynth.maximumWeeks),
      start: try reader.date("start", default: CMLESynth.defaultStart))
  }

  static func unknownGenerator(_ generator: Name) -> Diagnostic {
    .error(
      "E233", "unknown generator `\(generator.text)`", at: generator.span,
      notes: [
        "the generators are `cmle` (customer profiles and events) and `groupby` (the db-benchmark table)"
      ],
      help: UnknownName.suggestion(generator.text, ["cmle", "groupby"]))
  }
}
