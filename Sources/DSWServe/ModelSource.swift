import DSWCore
import Foundation

/// Where one group of served models comes from, reloaded as a unit: a model
/// file, or a notebook whose registry is served.
public struct ModelSource: Sendable {
  /// For the logs: the file or notebook path.
  public var label: String
  /// Reads the models afresh; throws `ModelSourceError` saying why not.
  public var load: @Sendable () throws -> [ServedModel]
  /// A file whose replacement (a new inode, size or modification time)
  /// triggers a reload; nil: reloaded on SIGHUP only.
  public var watchedPath: String?

  public init(
    label: String, watchedPath: String?, load: @escaping @Sendable () throws -> [ServedModel]
  ) {
    self.label = label
    self.watchedPath = watchedPath
    self.load = load
  }

  /// A file written by `save model`, served as version 1 under its base name
  /// (`models/conv.json` serves `conv`).
  public static func modelFile(_ path: String) -> ModelSource {
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    return ModelSource(label: path, watchedPath: path) {
      let bytes: [UInt8]
      let modified: Date?
      do {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        modified = attributes[.modificationDate] as? Date
        bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      } catch {
        throw ModelSourceError("cannot read \(path): \(FileStamp.reason(error))")
      }
      let model: TrainedModel
      do throws(Diagnostic) {
        model = try ModelCodec.decode(bytes)
      } catch {
        throw ModelSourceError("\(path): \(error.message)")
      }
      guard ServedModel.isServable(model) else {
        throw ModelSourceError(
          "\(path): a lifetime-value model (\(model.algorithm.rawValue)) scores over a horizon and is not served; score it in a notebook"
        )
      }
      return [
        ServedModel(name: name, version: 1, model: model, trainedAt: modified, origin: path)
      ]
    }
  }
}

/// Why models could not be loaded, in one sentence.
public struct ModelSourceError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// What identifies a file's current contents cheaply: an atomic replace
/// gives a new inode, an in-place write a new size or modification time.
struct FileStamp: Equatable, Sendable {
  var inode: UInt64
  var size: UInt64
  var modified: Date?

  init?(path: String) {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
      return nil
    }
    inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
    modified = attributes[.modificationDate] as? Date
  }

  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
      return "no such file"
    }
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let code = POSIXErrorCode(rawValue: Int32(underlying.code))
    {
      return String(cString: strerror(code.rawValue)).lowercased()
    }
    return nsError.localizedDescription
  }
}
