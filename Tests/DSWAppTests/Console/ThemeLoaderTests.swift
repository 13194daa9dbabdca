import DSWCore
import DSWTerminal
import Foundation
import Testing

@testable import DSWApp

/// A notebook's `metadata.theme` names a file: only plain names are looked up,
/// and every warning shows the name escaped.
@Suite struct ThemeLoaderTests {
  @Test func aNameThatLeavesTheThemesFolderIsAWarningAndOpensNothing() throws {
    let root = try TemporaryFolder()
    defer { root.remove() }
    let notebookFolder = root.path + "/project/notebooks"
    try FileManager.default.createDirectory(
      atPath: root.path + "/project/elsewhere", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      atPath: notebookFolder + "/themes", withIntermediateDirectories: true)
    try Data(#"{"apiToken": "hunter2", "roles": {}}"#.utf8)
      .write(to: URL(fileURLWithPath: root.path + "/project/elsewhere/secret.json"))
    let (theme, warning) = ThemeLoader.load("../../elsewhere/secret", near: notebookFolder)
    #expect(theme == Theme.builtinDark)
    #expect(
      warning == """
        warning[T008]: the theme name `../../elsewhere/secret` is not a plain name; using the built-in dark theme
          = help: a theme name holds only letters, digits, `-` and `_`, such as `high-contrast`
        """)
  }

  @Test func aNameHoldingEscapeIsShownEscaped() {
    let (_, warning) = ThemeLoader.load("dark\u{1B}]52;c;aGk=\u{7}", near: nil)
    #expect(
      warning == """
        warning[T008]: the theme name `dark\\e]52;c;aGk=\\u{7}` is not a plain name; using the built-in dark theme
          = help: a theme name holds only letters, digits, `-` and `_`, such as `high-contrast`
        """)
  }

  @Test func plainNamesStillLoad() throws {
    let root = try TemporaryFolder()
    defer { root.remove() }
    try FileManager.default.createDirectory(
      atPath: root.path + "/themes", withIntermediateDirectories: true)
    try Data(#"{"name": "my_theme-2", "roles": {"number": "red"}}"#.utf8)
      .write(to: URL(fileURLWithPath: root.path + "/themes/my_theme-2.json"))
    let (theme, warning) = ThemeLoader.load("my_theme-2", near: root.path)
    #expect(warning == nil)
    #expect(theme != Theme.builtinDark)
    #expect(ThemeLoader.load("high-contrast", near: nil).warning == nil)
    #expect(!ThemeLoader.isPlainName("a/b"))
    #expect(!ThemeLoader.isPlainName(".."))
    #expect(!ThemeLoader.isPlainName("thème"))
  }
}
