/// A `.dswnb` notebook: its cells and metadata (DESIGN §3).
///
/// Read and written by `NotebookCodec`; the bytes on disk are deterministic, so
/// loading and saving an unchanged notebook gives the same file.
public struct Notebook: Sendable, Hashable {
  /// The format version this dsw reads and writes (the file's `dswnb` key).
  public static let formatVersion = 1

  public var cells: [Cell]
  /// The file's `dswnb` version; always `formatVersion` after a successful read.
  public var version: Int
  public var metadata: NotebookMetadata

  public init(
    cells: [Cell] = [], version: Int = Notebook.formatVersion,
    metadata: NotebookMetadata = NotebookMetadata()
  ) {
    self.cells = cells
    self.version = version
    self.metadata = metadata
  }

  /// The ids in use, for generating a new one (`CellID.generate`).
  public var cellIDs: Set<String> { Set(cells.map(\.id)) }
}
