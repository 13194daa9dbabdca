/// The notebook's `metadata` object: a title, a theme, and any other keys.
///
/// Keys dsw does not know are kept as they were read and written back, so a
/// tool that adds its own metadata does not lose it on the next save.
public struct NotebookMetadata: Sendable, Hashable {
  public var title: String?
  public var theme: String?
  /// Every other metadata key, as read.
  public var extra: [String: JSONValue]

  public init(title: String? = nil, theme: String? = nil, extra: [String: JSONValue] = [:]) {
    self.title = title
    self.theme = theme
    self.extra = extra
  }
}
