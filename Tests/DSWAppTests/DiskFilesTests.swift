import DSWCore
import Foundation
import Testing

@testable import DSWApp

/// The mapped reads of `DiskFiles`, whose pages a load lets go of as it parses.
@Suite struct DiskFilesTests {
  static let span = SourceSpan(offset: 0, length: 0, line: 1, column: 1)

  @Test func aLoadThatLetsItsPagesGoReadsWhatTheBytesSay() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "dsw-diskfiles-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var text = "id,name,score\n"
    for row in 0..<400_000 { text += "\(row),name \(row % 777),\(row % 97).25\n" }
    let path = folder.appendingPathComponent("big.csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let files = DiskFiles(sandbox: PathSandbox(base: folder.path))
    let options = CSVOptions(threads: 2)
    let mapped = try files.withContents(of: path, span: Self.span) {
      (bytes) throws(Diagnostic) -> Table in
      #expect(files.pageReleaser(for: bytes) != nil)
      return try CSVReader.read(
        bytes, options: options, releasePages: files.pageReleaser(for: bytes)
      ).table
    }
    let expected = try CSVReader.read(Array(text.utf8), options: options).table
    #expect(mapped.rowCount == 400_000)
    #expect(mapped.types == [.int, .string, .double])
    for row in [0, 1, 199_999, 399_999] {
      for column in 0..<3 {
        #expect(mapped.columns[column].value(at: row) == expected.columns[column].value(at: row))
      }
    }
  }

  @Test func bytesItDidNotMapAreNeverLetGo() {
    let files = DiskFiles(sandbox: PathSandbox(base: "/"))
    let bytes: [UInt8] = Array(repeating: 1, count: 1 << 16)
    bytes.withUnsafeBytes { buffer in #expect(files.pageReleaser(for: buffer) == nil) }
  }
}
