/// Whether to colour output: `--color=auto|always|never`.
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
  case auto
  case always
  case never

  /// Whether colour is on. `auto` colours only a TTY, and not when
  /// `NO_COLOR` is set to anything non-empty or `TERM` is `dumb`; `always`
  /// wins over `NO_COLOR`, as no-color.org asks of an explicit flag.
  public func resolve(isTTY: Bool, environment: [String: String]) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isTTY
    }
  }
}
