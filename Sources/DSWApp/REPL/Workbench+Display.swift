import DSWCore
import DSWTerminal

/// When the workbench sends results to the pager.
enum PagerSetting: String {
  /// Output taller than the terminal is paged, as it would have printed.
  case auto
  /// Every table (or metrics) result is paged, drawn at full width to
  /// scroll sideways; a one-line report such as `let`'s still prints.
  case on
  /// Nothing is paged.
  case off
}

/// Showing results: the output mode, the pager, and number digits.
extension Workbench {
  /// Tables are drawn this wide for the pager, which scrolls sideways
  /// (`less -S`): in practice, every column shows.
  static let pagerWidth = 100_000

  /// Prints `outputs` in the current mode, through the pager when it is on
  /// and they hold a table, or when the text is taller than the terminal. A result with a table
  /// becomes the one `:mode` prints again, unless `remember` is false.
  func display(_ outputs: [CellOutput], remember: Bool = true) {
    guard !outputs.isEmpty else { return }
    if remember, outputs.contains(where: Self.isResult) { lastResult = outputs }
    let width = settings.width()
    let (text, notes) = renderAll(outputs, width: width)
    if let page = settings.page, settings.pager != .off {
      let lineCount = text.count { $0 == "\n" } + 1
      let wanted = settings.pager == .on && outputs.contains(where: Self.isResult)
      // `on` draws tables at full width, to scroll sideways; `auto` pages
      // what the terminal would have shown, so that a long describe keeps
      // its blocks instead of turning into one wide table.
      if wanted {
        let (wide, wideNotes) = renderAll(outputs, width: Self.pagerWidth)
        if page(wide) {
          for note in wideNotes { message(note, role: .muted, toErrors: true) }
          return
        }
      } else if lineCount > settings.height() - 2, page(text) {
        for note in notes { message(note, role: .muted, toErrors: true) }
        return
      }
    }
    screen.line(text)
    for note in notes { message(note, role: .muted, toErrors: true) }
  }

  /// One output as a scratch or listing shows it, in the current mode.
  func render(_ output: CellOutput) -> String {
    renderAll([output], width: settings.width()).text
  }

  private func renderAll(_ outputs: [CellOutput], width: Int) -> (text: String, notes: [String]) {
    var notes: [String] = []
    let texts = outputs.map { output in
      let rendered = ResultModeRenderer.render(
        output, mode: settings.resultMode, width: width, maxRows: settings.maxRows,
        styler: settings.resultMode.isMachineReadable ? .plain : styler,
        numbers: settings.numbers, hiddenHint: hiddenHint)
      if let note = rendered.note { notes.append(note) }
      return rendered.text
    }
    return (texts.joined(separator: "\n"), notes)
  }

  private var hiddenHint: String {
    settings.page == nil
      ? "`:mode line` shows every column" : "`:mode line` or `:pager on` shows every column"
  }

  private static func isResult(_ output: CellOutput) -> Bool {
    switch output {
    case .table, .metrics: true
    case .text, .chart, .error: false
    }
  }

  // MARK: Commands

  /// `:mode [line|table|csv|json|markdown]`: how results print, from now on;
  /// the last result prints again in the new form.
  func mode(_ arguments: [String]) {
    let names = ResultMode.allCases.map(\.rawValue)
    guard let name = arguments.first else {
      message("mode \(settings.resultMode.rawValue) (one of " + names.joined(separator: ", ") + ")")
      return
    }
    guard let mode = ResultMode(rawValue: name.lowercased()) else {
      let hint = Suggestion.closest(to: name, among: names).map { "did you mean `\($0)`? " }
      error(
        "unknown mode `\(SafeText.escape(name))`",
        help: (hint ?? "") + "the modes are: " + names.joined(separator: ", "))
      return
    }
    settings.resultMode = mode
    if lastResult.isEmpty {
      message("mode \(mode.rawValue): results print this way from now on", role: .muted)
      return
    }
    display(lastResult)
  }

  /// `:pager [on|off|auto]`.
  func pager(_ arguments: [String]) {
    guard let word = arguments.first else {
      message("pager \(settings.pager.rawValue)" + pagerNote)
      return
    }
    guard let setting = PagerSetting(rawValue: word.lowercased()) else {
      error("`:pager` takes `on`, `off` or `auto`, not `\(SafeText.escape(word))`")
      return
    }
    settings.pager = setting
    message("pager \(setting.rawValue)" + pagerNote, role: .muted)
  }

  private var pagerNote: String {
    settings.page == nil ? " (output is not a terminal, so nothing is paged)" : ""
  }

  /// `:set digits [N]`.
  func digits(_ value: String?) {
    guard let value else {
      message("digits  \(settings.numbers.digits)")
      return
    }
    guard let count = Int(value), (1...NumberStyle.maxDigits).contains(count) else {
      error(
        "`digits` takes a number from 1 to \(NumberStyle.maxDigits), not `\(SafeText.escape(value))`"
      )
      return
    }
    settings.numbers.digits = count
    message("doubles show \(count) significant digits", role: .muted)
  }
}
