import Foundation

/// A connection URL, `postgresql://user@host:port/db?sslmode=require`, as
/// `connect` takes it. It never holds a password: the password comes from the
/// environment or `~/.pgpass`, so the notebook, its outputs and the history
/// never see one.
public struct ConnectionString: Sendable, Hashable {
  /// libpq's TLS modes, with libpq's meanings.
  public enum TLSMode: String, Sendable, Hashable, CaseIterable {
    /// Plain TCP only.
    case disable
    /// TLS if the server offers it, else plain TCP (libpq's default).
    case prefer
    /// TLS or nothing; the certificate is not checked.
    case require
    /// TLS, with a certificate signed by a trusted authority.
    case verifyCA = "verify-ca"
    /// TLS, with a trusted certificate issued for the host name.
    case verifyFull = "verify-full"
  }

  public var scheme: String
  public var user: String
  public var host: String
  public var port: Int
  public var database: String
  public var tlsMode: TLSMode
  /// `sslrootcert`: the file of trusted certificates for verify-ca and verify-full.
  public var rootCertificate: String?
  /// `connect_timeout`, in seconds.
  public var connectTimeout: Int
  /// `application_name`, shown in the server's `pg_stat_activity`.
  public var applicationName: String

  /// The query parameters `connect` understands.
  public static let parameters = ["sslmode", "sslrootcert", "connect_timeout", "application_name"]

  /// Parses `text`; a malformed URL, a password in it, or an unknown
  /// parameter is R001 pointing at `span`. Messages never quote a password.
  public static func parse(_ text: String, span: SourceSpan) throws(Diagnostic) -> ConnectionString
  {
    func fail(_ message: String, help: String? = nil) -> Diagnostic {
      .error("R001", message, at: span, help: help)
    }
    // The source line would show the password again: this error points at
    // no text.
    let passwordFound = Diagnostic.error(
      "R001",
      "the connection string holds a password, which would be saved in the notebook and its history",
      help:
        "remove it from the URL; put it in an environment variable named by `password_env: \"VAR\"`, in PGPASSWORD, or in ~/.pgpass"
    )
    let example = "write `connect w to \"postgresql://user@host:5432/database?sslmode=require\"`"
    guard let schemeEnd = text.range(of: "://") else {
      throw fail("a connection string starts with `postgresql://`", help: example)
    }
    let scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
    guard scheme == "postgresql" || scheme == "postgres" else {
      throw fail(
        "dsw connects to PostgreSQL-wire engines, with `postgresql://` URLs; `\(DisplayText.escaped(scheme))://` is not one",
        help: example)
    }
    var rest = Substring(text[schemeEnd.upperBound...])
    var query = Substring("")
    if let mark = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: mark)...]
      rest = rest[..<mark]
    }
    var database = ""
    if let slash = rest.firstIndex(of: "/") {
      database = try percentDecoded(rest[rest.index(after: slash)...], span: span)
      rest = rest[..<slash]
    }
    var user = ""
    if let at = rest.lastIndex(of: "@") {
      let userInfo = rest[..<at]
      if userInfo.contains(":") { throw passwordFound }
      user = try percentDecoded(userInfo, span: span)
      rest = rest[rest.index(after: at)...]
    }
    var host = String(rest)
    var port = 5432
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { throw fail("an IPv6 host needs its `]`") }
      let after = host[host.index(after: close)...]
      if after.hasPrefix(":") { port = try parsePort(after.dropFirst(), span: span) }
      host = String(host[host.index(after: host.startIndex)..<close])
    } else if let colon = host.lastIndex(of: ":") {
      port = try parsePort(host[host.index(after: colon)...], span: span)
      host = String(host[..<colon])
    }
    if host.isEmpty { throw fail("the connection string names no host", help: example) }
    if user.isEmpty {
      throw fail(
        "the connection string names no user",
        help: "write the user before the host: `postgresql://user@\(host)/…`")
    }
    var result = ConnectionString(
      scheme: scheme, user: user, host: host, port: port,
      database: database.isEmpty ? user : database, tlsMode: .prefer, rootCertificate: nil,
      connectTimeout: 10, applicationName: "dsw")
    for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = String(parts[0])
      let value = try percentDecoded(parts.count > 1 ? parts[1] : "", span: span)
      switch key {
      case "sslmode":
        if value == "allow" {
          result.tlsMode = .prefer
        } else if let mode = TLSMode(rawValue: value) {
          result.tlsMode = mode
        } else {
          throw fail(
            "unknown sslmode `\(DisplayText.escaped(value))`",
            help: "use one of "
              + TLSMode.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
        }
      case "sslrootcert": result.rootCertificate = value
      case "connect_timeout":
        guard let seconds = Int(value), seconds > 0, seconds <= 3600 else {
          throw fail("connect_timeout is a whole number of seconds from 1 to 3600")
        }
        result.connectTimeout = seconds
      case "application_name": result.applicationName = value
      case "password": throw passwordFound
      default:
        throw fail(
          "unknown connection parameter `\(DisplayText.escaped(key))`",
          help: "the parameters are " + parameters.map { "`\($0)`" }.joined(separator: ", "))
      }
    }
    return result
  }

  /// The URL as shown to users: it never had a password to hide.
  public var display: String {
    let hostText = host.contains(":") ? "[\(host)]" : host
    var text = "\(scheme)://\(user)@\(hostText):\(port)/\(database)"
    text += "?sslmode=\(tlsMode.rawValue)"
    return text
  }

  private static func parsePort(_ text: Substring, span: SourceSpan) throws(Diagnostic) -> Int {
    guard let port = Int(text), (1...65535).contains(port) else {
      throw Diagnostic.error(
        "R001", "the port `\(DisplayText.escaped(String(text)))` is not a number from 1 to 65535",
        at: span)
    }
    return port
  }

  /// `%XX` escapes decoded, as URLs write `@`, `/` or `?` in a name.
  private static func percentDecoded(_ text: Substring, span: SourceSpan) throws(Diagnostic)
    -> String
  {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard iterator.count >= 2,
        let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
      else {
        throw Diagnostic.error(
          "R001", "a `%` in the connection string must start a two-digit hex escape such as `%40`",
          at: span)
      }
      bytes.append(value)
      iterator = iterator.dropFirst(2)
    }
    guard let decoded = String(validating: bytes, as: UTF8.self) else {
      throw Diagnostic.error(
        "R001", "the connection string decodes to text that is not UTF-8", at: span)
    }
    if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw Diagnostic.error("R001", "the connection string holds a control character", at: span)
    }
    return decoded
  }

  /// `text` with the password of every connection URL in it replaced by
  /// `***` (`postgresql://me:secret@db` and `?password=secret`), for what
  /// is kept of typed input, such as the workbench's history.
  public static func redactingPasswords(in text: String) -> String {
    guard text.contains("://") else { return text }
    var result = ""
    var rest = Substring(text)
    while let schemeEnd = rest.range(of: "://") {
      result += rest[..<schemeEnd.upperBound]
      rest = rest[schemeEnd.upperBound...]
      // The URL's authority ends at the first `/`, `?`, quote or space.
      let end = rest.firstIndex { "/?\"' \t\n".contains($0) } ?? rest.endIndex
      var authority = rest[..<end]
      if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
        authority = authority[...colon] + "***" + authority[at...]
      }
      result += authority
      rest = rest[end...]
      if rest.first == "?" || rest.first == "/" {
        let queryEnd = rest.firstIndex { "\"' \t\n".contains($0) } ?? rest.endIndex
        let query = String(rest[..<queryEnd])
        result += query.replacingOccurrences(
          of: "password=[^&]*", with: "password=***", options: .regularExpression)
        rest = rest[queryEnd...]
      }
    }
    return result + rest
  }
}
