import DSWCore
import DSWParquet

/// The file formats the app adds to the core's CSV and JSON.
enum FileFormats {
  static let external: [any ExternalFormat] = [ParquetFormat()]
}
