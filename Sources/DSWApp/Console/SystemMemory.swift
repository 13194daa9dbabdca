import DSWCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The memory the process may use and holds, as the operating system tells.
///
/// The default session limit is 80% of what is available to the process:
/// the cgroup's limit when it runs under one (a container, a systemd slice),
/// else the machine's physical memory.
enum SystemMemory {
  static let defaultShare = 0.8

  /// Physical memory, or the cgroup limit when that is lower.
  static var available: Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    var total = pages > 0 && pageSize > 0 ? pages * pageSize : Int.max
    if let limit = cgroupLimit, limit < total { total = limit }
    return total
  }

  /// The default session memory limit.
  static var defaultLimit: Int { Int(Double(available) * defaultShare) }

  /// The limit of cgroup v2 (`memory.max`) or v1 (`memory.limit_in_bytes`).
  static var cgroupLimit: Int? {
    for path in [
      "/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ] {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
      // "max", or v1's near-Int64.max, mean no limit.
      if let bytes = Int(value), bytes > 0, bytes < 1 << 60 { return bytes }
    }
    return nil
  }

  /// The process's resident set, from `/proc/self/statm`.
  @Sendable static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return 0
    }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * max(sysconf(Int32(_SC_PAGESIZE)), 1)
  }

  /// A limit as the user typed it (`4GB`, `512MiB`, `50%`), or nil. A limit
  /// above the memory available is lowered to it: work admitted beyond that
  /// could only end in the allocator's trap or the OOM killer.
  static func parseLimit(_ text: String) -> Int? {
    let total = available
    return ByteCount.parse(text, total: total).map { min($0, total) }
  }
}
