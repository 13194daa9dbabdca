extension GroupBySynth {
  /// The columns and types the generator makes, whatever the options:
  /// read from an empty table it generates, so the generator stays their
  /// one source of truth.
  public static var schema: Schema {
    Schema(of: generate(rows: 0, k: 1, seed: 0))
  }
}
