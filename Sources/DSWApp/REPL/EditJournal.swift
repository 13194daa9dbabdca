import DSWCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One edit to the notebook that is not saved yet, as the journal keeps it.
enum JournalEdit: Equatable {
  /// A new cell at `index` (0-based), from `:add` or `:keep`.
  case add(index: Int, id: String, kind: CellKind, source: String)
  case edit(id: String, source: String)
  case delete(id: String)
  /// The cell now sits at `index` (0-based).
  case move(id: String, index: Int)
  case theme(String?)
}

/// The journal of unsaved edits: `NOTEBOOK.dswnb.journal` beside the notebook.
///
/// Every edit is appended as one JSON line and fsync'd before the workbench
/// goes on, so a crash or a kill loses none of them. A save removes the file.
/// The first line names the SHA-256 of the notebook file the edits apply to;
/// a journal whose notebook has since changed (a save finished but the
/// journal was not yet removed) is stale and is never replayed.
final class EditJournal {
  let path: String
  /// `sha256:…` of the notebook file's bytes the edits start from, or
  /// `absent` when there is no file yet.
  private(set) var base: String
  private var started: Bool

  init(notebookPath: String, base: String) {
    path = notebookPath + ".journal"
    self.base = base
    started = access(notebookPath + ".journal", F_OK) == 0
  }

  /// The base value for notebook bytes (nil: no file).
  static func base(of bytes: [UInt8]?) -> String {
    bytes.map { "sha256:" + SHA256.hexDigest($0) } ?? "absent"
  }

  /// Appends `edit` durably, starting the file with its header if needed.
  func append(_ edit: JournalEdit) throws(Diagnostic) {
    var text = ""
    if !started {
      text += JSONWriter.compact(.object(["dswnb_journal": .int(1), "notebook": .string(base)]))
      text += "\n"
    }
    text += JSONWriter.compact(Self.json(edit)) + "\n"
    try appendDurably(Array(text.utf8))
    started = true
  }

  /// Forgets every edit: after a save, or when the user declines recovery.
  func remove(newBase: String) {
    unlink(path)
    started = false
    base = newBase
  }

  /// Starts over at another path (`:save PATH`), leaving no journal behind.
  func relocated(to notebookPath: String) -> EditJournal {
    unlink(path)
    return EditJournal(notebookPath: notebookPath, base: base)
  }

  private func appendDurably(_ bytes: [UInt8]) throws(Diagnostic) {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw Diagnostic.error("F010", "cannot write the journal '\(path)': \(describe(errno))")
    }
    defer { close(descriptor) }
    if let failure = bytes.withUnsafeBytes({ AtomicFile.writeAll($0, to: descriptor) }) {
      throw Diagnostic.error(
        "F010", "cannot write the journal '\(path)': \(describe(failure))")
    }
    if fsync(descriptor) != 0 {
      throw Diagnostic.error("F010", "cannot sync the journal '\(path)': \(describe(errno))")
    }
    if !started {
      // A new file's name must reach the disk too.
      let folder = AtomicFile.split(path).folder
      let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      if folderDescriptor >= 0 {
        _ = fsync(folderDescriptor)
        close(folderDescriptor)
      }
    }
  }

  private func describe(_ number: Int32) -> String { String(cString: strerror(number)) }

  // MARK: Reading and replaying

  /// What a journal file holds.
  struct Contents: Equatable {
    var base: String?
    var edits: [JournalEdit]
    /// Lines that could not be read (a line torn by a crash mid-write).
    var unreadable: Int
  }

  /// The journal at `path`, or nil when there is none.
  static func read(_ path: String) -> Contents? {
    guard let bytes = try? AtomicFile.read(path) else { return nil }
    var contents = Contents(base: nil, edits: [], unreadable: 0)
    for line in bytes.split(separator: UInt8(ascii: "\n")) {
      guard case .object(let object)? = try? JSONParser.parse(bytes: Array(line)) else {
        contents.unreadable += 1
        continue
      }
      if case .string(let base)? = object["notebook"], object["dswnb_journal"] != nil {
        contents.base = base
      } else if let edit = edit(from: object) {
        contents.edits.append(edit)
      } else {
        contents.unreadable += 1
      }
    }
    return contents
  }

  /// Applies `edits` in order. Returns a note for each edit that no longer
  /// fits (its cell is gone); the others still apply.
  static func replay(_ edits: [JournalEdit], on notebook: inout Notebook) -> [String] {
    var notes: [String] = []
    func position(_ id: String) -> Int? {
      let found = notebook.cells.firstIndex { $0.id == id }
      if found == nil {
        notes.append("skipped an edit of cell \(id), which is not in the notebook")
      }
      return found
    }
    for edit in edits {
      switch edit {
      case .add(let index, let id, let kind, let source):
        if notebook.cells.contains(where: { $0.id == id }) {
          notes.append("skipped adding cell \(id) again: the notebook has it already")
          continue
        }
        let cell = Cell(id: id, kind: kind, source: source)
        notebook.cells.insert(cell, at: min(max(0, index), notebook.cells.count))
      case .edit(let id, let source):
        guard let index = position(id) else { continue }
        notebook.cells[index].source = source
        if notebook.cells[index].execution != nil {
          notebook.cells[index].execution?.status = .stale
        }
      case .delete(let id):
        guard let index = position(id) else { continue }
        notebook.cells.remove(at: index)
      case .move(let id, let target):
        guard let index = position(id) else { continue }
        let cell = notebook.cells.remove(at: index)
        notebook.cells.insert(cell, at: min(max(0, target), notebook.cells.count))
      case .theme(let theme):
        notebook.metadata.theme = theme
      }
    }
    return notes
  }

  // MARK: JSON

  static func json(_ edit: JournalEdit) -> JSONValue {
    switch edit {
    case .add(let index, let id, let kind, let source):
      return .object([
        "op": .string("add"), "index": .int(Int64(index)), "id": .string(id),
        "kind": .string(kind.rawValue), "source": .string(source),
      ])
    case .edit(let id, let source):
      return .object(["op": .string("edit"), "id": .string(id), "source": .string(source)])
    case .delete(let id):
      return .object(["op": .string("del"), "id": .string(id)])
    case .move(let id, let index):
      return .object(["op": .string("mv"), "id": .string(id), "index": .int(Int64(index))])
    case .theme(let theme):
      return .object(["op": .string("theme"), "theme": theme.map(JSONValue.string) ?? .null])
    }
  }

  static func edit(from object: [String: JSONValue]) -> JournalEdit? {
    func string(_ key: String) -> String? {
      if case .string(let text)? = object[key] { return text }
      return nil
    }
    func int(_ key: String) -> Int? {
      if case .int(let number)? = object[key] { return Int(exactly: number) }
      return nil
    }
    guard let op = string("op") else { return nil }
    switch op {
    case "add":
      guard let index = int("index"), let id = string("id"), CellID.isValid(id),
        let kind = string("kind").flatMap(CellKind.init(rawValue:)), let source = string("source")
      else { return nil }
      return .add(index: index, id: id, kind: kind, source: source)
    case "edit":
      guard let id = string("id"), let source = string("source") else { return nil }
      return .edit(id: id, source: source)
    case "del":
      return string("id").map(JournalEdit.delete)
    case "mv":
      guard let id = string("id"), let index = int("index") else { return nil }
      return .move(id: id, index: index)
    case "theme":
      return .theme(string("theme"))
    default:
      return nil
    }
  }
}
