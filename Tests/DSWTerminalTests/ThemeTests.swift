import DSWCore
import Foundation
import Testing

@testable import DSWTerminal

@Suite struct ThemeTests {
  static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")

  /// The decode error for `json`, rendered as `CODE line:column: message`.
  func failure(_ json: String) -> String {
    do {
      _ = try Theme.decode(jsonBytes: Array(json.utf8))
      return "no error"
    } catch {
      let span = error.span.map { "\($0.line):\($0.column)" } ?? "-"
      return "\(error.code) \(span): \(error.message)"
    }
  }

  @Test(arguments: ["dark", "light", "high-contrast"])
  func shippedThemeFileMatchesBuiltin(name: String) throws {
    let builtin = try #require(Theme.builtin(named: name))
    let url = Self.themesFolder.appendingPathComponent(name + ".json")
    let recording = ProcessInfo.processInfo.environment["DSW_RECORD"] == "1"
    guard !recording, let data = FileManager.default.contents(atPath: url.path) else {
      try Data(builtin.jsonText.utf8).write(to: url)
      Issue.record("wrote themes/\(name).json from the built-in theme; run again")
      return
    }
    let decoded = try Theme.decode(jsonBytes: data)
    #expect(decoded == builtin)
    #expect(String(decoding: data, as: UTF8.self) == builtin.jsonText)
  }

  @Test func everyThemeFileInFolderDecodes() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path)
      .filter { $0.hasSuffix(".json") }
    #expect(names.count >= 3)
    for name in names {
      let data = try #require(
        FileManager.default.contents(atPath: Self.themesFolder.appendingPathComponent(name).path))
      #expect(throws: Never.self) { try Theme.decode(jsonBytes: data) }
    }
  }

  @Test func builtinsDefineEveryRoleAndBadge() {
    for theme in Theme.builtins.values {
      #expect(Set(theme.roles.keys) == Set(ThemeRole.allCases), "\(theme.name)")
      #expect(Set(theme.badges.keys) == Set(Theme.cellKinds), "\(theme.name)")
      #expect(!theme.chartPalette.isEmpty)
    }
  }

  @Test func partialThemeKeepsDarkDefaults() throws {
    let theme = try Theme.decode(
      jsonBytes: Array(
        ##"{"name": "mine", "roles": {"number": {"fg": "#ff8800", "bold": true}}}"##.utf8))
    #expect(theme.name == "mine")
    #expect(
      theme[.number] == TextStyle(foreground: .rgb(red: 255, green: 136, blue: 0), bold: true))
    #expect(theme[.null] == Theme.builtinDark[.null])
    #expect(theme.chartPalette == Theme.builtinDark.chartPalette)
  }

  @Test func colourForms() throws {
    let json = ##"""
      {"roles": {"number": "purple", "string": {"fg": 208, "bg": "default"}, "null": {"fg": "grey", "dim": true}},
       "chart": ["red", 33, "#00ff00"],
       "heat": {"negative": "red", "neutral": "black", "positive": "blue"}}
      """##
    let theme = try Theme.decode(jsonBytes: Array(json.utf8))
    #expect(theme[.number] == TextStyle(foreground: .ansi(5)))
    #expect(theme[.string] == TextStyle(foreground: .indexed(208)))
    #expect(theme[.null] == TextStyle(foreground: .ansi(8), dim: true))
    #expect(theme.chartPalette == [.ansi(1), .indexed(33), .rgb(red: 0, green: 255, blue: 0)])
    #expect(theme.heat == HeatScale(negative: .ansi(1), neutral: .ansi(0), positive: .ansi(4)))
  }

  @Test func decodeErrorsHaveExactMessages() {
    #expect(
      failure(#"{"roles": {"number": {"fg": "purpel"}}}"#)
        == "T004 1:29: theme role `number`: unknown colour `purpel`; did you mean `purple`?")
    #expect(
      failure(#"{"roles": {"nuber": "red"}}"#)
        == "T003 1:12: theme: unknown role `nuber`; did you mean `number`?")
    #expect(
      failure(#"{"roles": {"number": {"bolt": true}}}"#)
        == "T003 1:23: theme role `number`: unknown attribute `bolt`; did you mean `bold`?")
    #expect(
      failure(#"{"roles": {"number": {"bold": "yes"}}}"#)
        == "T006 1:31: theme role `number`: `bold` must be true or false, not a string")
    #expect(
      failure(#"{"roles": {"number": {"fg": 300}}}"#)
        == "T005 1:29: theme role `number`: colour index 300 is not a whole number 0–255")
    #expect(
      failure(##"{"roles": {"number": {"fg": "#12345g"}}}"##)
        == "T005 1:29: theme role `number`: `#12345g` is not a `#rrggbb` colour")
    #expect(
      failure(#"{"roles": {"number": {"fg": true}}}"#)
        == "T005 1:29: theme role `number`: a colour is a name, a 256-colour index or `#rrggbb`, not true or false"
    )
    #expect(failure(#"{"roles": []}"#) == "T002 1:11: theme: `roles` must be an object, not a list")
    #expect(failure(#"[1]"#) == "T002 1:1: theme file: the theme must be an object, not a list")
    #expect(
      failure(#"{"role": {}}"#) == "T003 1:2: theme: unknown field `role`; did you mean `roles`?")
    #expect(failure(#"{"colours": {}}"#) == "T003 1:2: theme: unknown field `colours`")
    #expect(failure(#"{"chart": []}"#) == "T007 1:11: theme: `chart` needs at least one colour")
    #expect(
      failure(#"{"heat": {"negative": "red"}}"#)
        == "T007 1:10: theme: `heat` needs `negative`, `neutral` and `positive` colours")
    #expect(
      failure(#"{"badges": {"querry": "red"}}"#)
        == "T003 1:13: theme: unknown cell kind `querry` in `badges`; did you mean `query`?")
    #expect(
      failure("{\n  \"roles\": {\n    \"number\": \"red\"\n    \"string\": \"blue\"\n  }\n}")
        == "T001 4:5: theme file is not valid JSON: expected `,` or `}`")
    #expect(failure("") == "T001 1:1: theme file is not valid JSON: unexpected end of file")
    #expect(
      failure(#"{"name": "a", "name": "b"}"#)
        == "T001 1:15: theme file is not valid JSON: duplicate key `name`")
    #expect(
      failure(#"{"roles": {"number": "r\u001bd"}}"#)
        == "T004 1:22: theme role `number`: unknown colour `r\\ed`; did you mean `red`?")
  }

  @Test func badFileFallsBackToBuiltinDark() {
    let (theme, problem) = Theme.decodeOrFallback(jsonBytes: Array("{oops".utf8))
    #expect(theme == Theme.builtinDark)
    #expect(problem?.code == "T001")
  }

  @Test func editDistanceSuggestions() {
    #expect(Suggestion.closest(to: "purpel", among: TerminalColor.allNames) == "purple")
    #expect(Suggestion.closest(to: "zzzzzz", among: TerminalColor.allNames) == nil)
  }

  @Test func heatScaleBlendsRGBAndStepsIndexed() {
    let heat = Theme.builtinDark.heat
    #expect(heat.style(for: 0)?.background == heat.neutral)
    #expect(heat.style(for: 1)?.background == heat.positive)
    #expect(heat.style(for: -1)?.background == heat.negative)
    #expect(heat.style(for: 1.5) == nil)
    #expect(heat.style(for: .nan) == nil)
    let stepped = HeatScale(negative: .ansi(1), neutral: .ansi(0), positive: .ansi(4))
    #expect(stepped.style(for: 0.4)?.background == .ansi(0))
    #expect(stepped.style(for: -0.6)?.background == .ansi(1))
  }
}

@Suite struct ThemeLimitsTests {
  @Test func hugeThemeFileIsRefused() {
    let bytes = [UInt8](repeating: UInt8(ascii: " "), count: Theme.maxFileBytes + 1)
    #expect(throws: Diagnostic.self) { try Theme.decode(jsonBytes: bytes) }
    do {
      _ = try Theme.decode(jsonBytes: bytes)
    } catch {
      #expect(error.message == "theme file is too large (over 256 KiB)")
    }
  }

  @Test func deepJSONIsRefused() {
    let json = String(repeating: "[", count: 10_000)
    do {
      _ = try Theme.decode(jsonBytes: Array(json.utf8))
      Issue.record("decoded")
    } catch {
      #expect(error.message == "theme file is not valid JSON: nested too deeply")
    }
  }
}
