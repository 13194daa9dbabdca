extension CMLESynth {
  /// The columns and types of `profiles` and `events`, whatever the options:
  /// read from the smallest run of the generator, so it stays their one
  /// source of truth. Nil only if the generator itself fails.
  public static var schemas: (profiles: Schema, events: Schema)? {
    guard let tables = try? generate(users: 1, seed: 0, weeks: 1) else { return nil }
    return (Schema(of: tables.profiles), Schema(of: tables.events))
  }
}
