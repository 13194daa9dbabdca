import DSWCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small blocking HTTP/1.1 client over a loopback socket, so the tests
/// call the real server exactly as any client would, and can also hold a
/// request half-sent (for the graceful-shutdown test).
struct HTTPTestClient {
  struct Reply {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object, numbers read exactly (Foundation's
    /// parser may round the last bit of a double).
    func json() throws -> [String: Any] {
      guard let dictionary = Self.plain(try JSONParser.parse(bytes: body)) as? [String: Any] else {
        throw ClientError("not an object")
      }
      return dictionary
    }

    static func plain(_ value: JSONValue) -> Any {
      switch value {
      case .null: return NSNull()
      case .bool(let flag): return flag
      case .int(let number): return Int(number)
      case .double(let number): return number
      case .string(let text): return text
      case .array(let items): return items.map(plain)
      case .object(let members): return members.mapValues(plain)
      }
    }
  }

  struct ClientError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }

  let port: Int

  /// One request on a fresh connection; `Connection: close` ends the reply at EOF.
  func send(
    _ method: String, _ path: String, body: [UInt8]? = nil, headers: [String: String] = [:]
  ) throws -> Reply {
    let connection = try Connection(port: port)
    defer { connection.close() }
    try connection.write(Self.head(method, path, bodyLength: body?.count, headers: headers))
    if let body { try connection.write(body) }
    return try Self.parse(connection.readToEnd())
  }

  func post(_ path: String, json: String, headers: [String: String] = [:]) throws -> Reply {
    try send("POST", path, body: Array(json.utf8), headers: headers)
  }

  func get(_ path: String, headers: [String: String] = [:]) throws -> Reply {
    try send("GET", path, headers: headers)
  }

  static func head(
    _ method: String, _ path: String, bodyLength: Int?, headers: [String: String]
  ) -> [UInt8] {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if let bodyLength {
      text += "Content-Type: application/json\r\nContent-Length: \(bodyLength)\r\n"
    }
    for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
    return Array((text + "\r\n").utf8)
  }

  static func parse(_ bytes: [UInt8]) throws -> Reply {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard let end = bytes.firstRange(of: separator) else {
      throw ClientError("no complete reply (\(bytes.count) bytes)")
    }
    let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw ClientError("bad status line")
    }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
        .trimmingCharacters(in: .whitespaces)
    }
    var body = Array(bytes[end.upperBound...])
    if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
    return Reply(status: status, headers: headers, body: body)
  }

  private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      guard let lineEnd = bytes[index...].firstRange(of: [13, 10]) else { break }
      let sizeText = String(decoding: bytes[index..<lineEnd.lowerBound], as: UTF8.self)
      guard let size = Int(sizeText, radix: 16), size > 0 else { break }
      let start = lineEnd.upperBound
      result += bytes[start..<min(start + size, bytes.count)]
      index = start + size + 2
    }
    return result
  }
}

/// A TCP connection to 127.0.0.1 (used by one test at a time).
final class Connection: @unchecked Sendable {
  private var descriptor: Int32

  init(port: Int) throws {
    descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HTTPTestClient.ClientError("socket failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      Glibc.close(descriptor)
      throw HTTPTestClient.ClientError("connect failed: \(String(cString: strerror(code)))")
    }
  }

  func write(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard written > 0 else { throw HTTPTestClient.ClientError("send failed") }
      offset += written
    }
  }

  func readToEnd() throws -> [UInt8] {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count < 0 { throw HTTPTestClient.ClientError("recv failed") }
      if count == 0 { return result }
      result += buffer[0..<count]
    }
  }

  func close() {
    if descriptor >= 0 { Glibc.close(descriptor) }
    descriptor = -1
  }

  deinit { close() }
}
