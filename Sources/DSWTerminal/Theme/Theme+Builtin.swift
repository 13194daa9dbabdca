/// The shipped themes, compiled in; `themes/*.json` hold the same values, and
/// a test keeps the two in step.
extension Theme {
  /// The default theme, for dark terminal backgrounds; also the fallback
  /// when a theme file is bad, and the source of roles a file leaves out.
  public static let builtinDark = Theme(
    name: "dark",
    roles: [
      .prompt: .fg(.ansi(12), bold: true),
      .promptNotebook: .fg(.ansi(6)),
      .tableHeader: .fg(.ansi(15), bold: true),
      .tableBorder: .fg(.ansi(8)),
      .number: .fg(.ansi(14)),
      .string: TextStyle(),
      .boolean: .fg(.ansi(13)),
      .temporal: .fg(.ansi(11)),
      .null: TextStyle(foreground: .ansi(8), dim: true),
      .error: .fg(.ansi(9), bold: true),
      .warning: .fg(.ansi(11), bold: true),
      .caret: .fg(.ansi(9), bold: true),
      .gutter: .fg(.ansi(12)),
      .help: .fg(.ansi(10)),
      .muted: .fg(.ansi(8)),
      .heading: .fg(.ansi(12), bold: true),
      .emphasis: TextStyle(italic: true),
      .code: .fg(.indexed(180)),
      .link: TextStyle(foreground: .ansi(14), underline: true),
    ],
    badges: [
      "markdown": .fg(.ansi(7)),
      "query": .fg(.ansi(12), bold: true),
      "train": .fg(.ansi(13), bold: true),
      "score": .fg(.ansi(11), bold: true),
      "ingest": .fg(.ansi(10), bold: true),
      "audience": .fg(.ansi(14), bold: true),
    ],
    chartPalette: [.ansi(14), .ansi(11), .ansi(13), .ansi(10), .ansi(9), .ansi(12)],
    heat: HeatScale(
      negative: .rgb(red: 0xC0, green: 0x39, blue: 0x2B),
      neutral: .rgb(red: 0x30, green: 0x30, blue: 0x30),
      positive: .rgb(red: 0x21, green: 0x66, blue: 0xAC),
      foreground: .ansi(15)))

  /// For light terminal backgrounds: darker, normal-intensity colours.
  public static let builtinLight = Theme(
    name: "light",
    roles: [
      .prompt: .fg(.ansi(4), bold: true),
      .promptNotebook: .fg(.ansi(6)),
      .tableHeader: .fg(.ansi(0), bold: true),
      .tableBorder: .fg(.indexed(245)),
      .number: .fg(.ansi(4)),
      .string: TextStyle(),
      .boolean: .fg(.ansi(5)),
      .temporal: .fg(.indexed(130)),
      .null: TextStyle(foreground: .indexed(245), dim: true),
      .error: .fg(.ansi(1), bold: true),
      .warning: .fg(.indexed(130), bold: true),
      .caret: .fg(.ansi(1), bold: true),
      .gutter: .fg(.ansi(4)),
      .help: .fg(.ansi(2)),
      .muted: .fg(.indexed(244)),
      .heading: .fg(.ansi(4), bold: true),
      .emphasis: TextStyle(italic: true),
      .code: .fg(.indexed(124)),
      .link: TextStyle(foreground: .ansi(4), underline: true),
    ],
    badges: [
      "markdown": .fg(.indexed(240)),
      "query": .fg(.ansi(4), bold: true),
      "train": .fg(.ansi(5), bold: true),
      "score": .fg(.indexed(130), bold: true),
      "ingest": .fg(.ansi(2), bold: true),
      "audience": .fg(.ansi(6), bold: true),
    ],
    chartPalette: [.ansi(4), .indexed(130), .ansi(5), .ansi(2), .ansi(1), .ansi(6)],
    heat: HeatScale(
      negative: .rgb(red: 0xEF, green: 0x8A, blue: 0x62),
      neutral: .rgb(red: 0xF7, green: 0xF7, blue: 0xF7),
      positive: .rgb(red: 0x67, green: 0xA9, blue: 0xCF),
      foreground: .ansi(0)))

  /// Maximum contrast: bright colours, bold text, no dim; for low vision
  /// and projectors.
  public static let builtinHighContrast = Theme(
    name: "high-contrast",
    roles: [
      .prompt: .fg(.ansi(15), bold: true),
      .promptNotebook: .fg(.ansi(11), bold: true),
      .tableHeader: TextStyle(foreground: .ansi(15), bold: true, underline: true),
      .tableBorder: .fg(.ansi(15)),
      .number: .fg(.ansi(14), bold: true),
      .string: .fg(.ansi(15)),
      .boolean: .fg(.ansi(13), bold: true),
      .temporal: .fg(.ansi(11), bold: true),
      .null: TextStyle(foreground: .ansi(0), background: .ansi(7)),
      .error: TextStyle(foreground: .ansi(15), background: .ansi(1), bold: true),
      .warning: TextStyle(foreground: .ansi(0), background: .ansi(11), bold: true),
      .caret: .fg(.ansi(9), bold: true),
      .gutter: .fg(.ansi(15), bold: true),
      .help: .fg(.ansi(10), bold: true),
      .muted: .fg(.ansi(7)),
      .heading: TextStyle(foreground: .ansi(15), bold: true, underline: true),
      .emphasis: TextStyle(bold: true, italic: true),
      .code: .fg(.ansi(11)),
      .link: TextStyle(foreground: .ansi(14), bold: true, underline: true),
    ],
    badges: [
      "markdown": TextStyle(foreground: .ansi(0), background: .ansi(15)),
      "query": TextStyle(foreground: .ansi(0), background: .ansi(14), bold: true),
      "train": TextStyle(foreground: .ansi(0), background: .ansi(13), bold: true),
      "score": TextStyle(foreground: .ansi(0), background: .ansi(11), bold: true),
      "ingest": TextStyle(foreground: .ansi(0), background: .ansi(10), bold: true),
      "audience": TextStyle(foreground: .ansi(0), background: .ansi(12), bold: true),
    ],
    chartPalette: [.ansi(15), .ansi(11), .ansi(14), .ansi(13), .ansi(10), .ansi(9)],
    heat: HeatScale(
      negative: .ansi(1), neutral: .ansi(0), positive: .ansi(4), foreground: .ansi(15)))
}
