/// What a piece of text is, so the theme can give it a style.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
  case prompt
  case promptNotebook
  case tableHeader
  case tableBorder
  case number
  case string
  case boolean
  case temporal
  case null
  case error
  case warning
  case caret
  case gutter
  case help
  case muted
  case heading
  case emphasis
  case code
  case link
}
