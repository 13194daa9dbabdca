/// The parameter overrides an executed notebook was run with: `dsw run -p`
/// records them in the notebook's metadata under `"parameters"`, as the
/// text given on the command line (`{"users": "5000"}`), so that a later run
/// of that copy, `--check` included, uses the same values.
public struct RunParameters: Sendable, Hashable {
  public static let metadataKey = "parameters"

  /// Override text by parameter name.
  public var values: [String: String]

  public init(_ values: [String: String]) { self.values = values }

  /// The recorded overrides, or nil when the metadata records none or holds
  /// something other than an object of strings under the key.
  public init?(metadata: NotebookMetadata) {
    guard case .object(let members)? = metadata.extra[Self.metadataKey] else { return nil }
    var values: [String: String] = [:]
    for (name, value) in members {
      guard case .string(let text) = value else { return nil }
      values[name] = text
    }
    self.values = values
  }

  /// `metadata` with these overrides recorded, or with none when empty.
  public func recorded(in metadata: NotebookMetadata) -> NotebookMetadata {
    var metadata = metadata
    metadata.extra[Self.metadataKey] =
      values.isEmpty ? nil : .object(values.mapValues { .string($0) })
    return metadata
  }
}
