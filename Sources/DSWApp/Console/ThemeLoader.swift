import DSWCore
import DSWTerminal
import Foundation

/// Finds a theme by name: a `themes/NAME.json` file near the notebook, the
/// working folder or the executable, else a built-in theme.
///
/// The name may come from a stranger's notebook (`metadata.theme`), and it is
/// pasted into a file name; so only plain names are looked up (letters,
/// digits, `-` and `_`). Anything else, such as `../../elsewhere/secret`,
/// is a warning and the built-in dark theme, and no file is opened.
enum ThemeLoader {
  static func load(_ name: String?, near folder: String?) -> (theme: Theme, warning: String?) {
    guard let name, !name.isEmpty else { return (Theme.builtinDark, nil) }
    guard isPlainName(name) else {
      let warning = Diagnostic.warning(
        "T008", "the theme name `\(name)` is not a plain name; using the built-in dark theme",
        help: "a theme name holds only letters, digits, `-` and `_`, such as `high-contrast`")
      return (Theme.builtinDark, DiagnosticRenderer.render(warning, source: nil, location: nil))
    }
    for directory in searchPaths(near: folder) {
      let path = directory + "/" + name + ".json"
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let (theme, problem) = Theme.decodeOrFallback(jsonBytes: [UInt8](data))
      if let problem {
        let text = DiagnosticRenderer.render(problem, source: nil, location: path)
        return (theme, text + "\nusing the built-in dark theme instead")
      }
      return (theme, nil)
    }
    if let builtin = Theme.builtins[name] { return (builtin, nil) }
    let known = Theme.builtins.keys.sorted()
    let hint = Suggestion.closest(to: name, among: known).map { " (did you mean `\($0)`?)" } ?? ""
    return (
      Theme.builtinDark,
      "warning: no theme called `\(name)`\(hint); the themes are \(known.joined(separator: ", ")). Using dark."
    )
  }

  /// Whether `name` is safe to paste into `themes/NAME.json`: ASCII letters,
  /// digits, `-` and `_` only, so it names a file in the themes folder and
  /// nothing else.
  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { byte in
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
          true
        default: false
        }
      }
  }

  static func searchPaths(near folder: String?) -> [String] {
    var paths: [String] = []
    if let custom = ProcessInfo.processInfo.environment["DSW_THEMES"] { paths.append(custom) }
    if let folder { paths.append(folder + "/themes") }
    paths.append(FileManager.default.currentDirectoryPath + "/themes")
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
      .deletingLastPathComponent()
    // .build/<config>/dsw → the package root's themes/.
    paths.append(executable.appendingPathComponent("../../themes").standardized.path)
    paths.append(executable.appendingPathComponent("../share/dsw/themes").standardized.path)
    return paths
  }
}
