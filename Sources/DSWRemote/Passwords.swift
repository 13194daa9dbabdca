import DSWCore
import Foundation

/// Where a connection's password comes from, in libpq's order: the variable
/// `password_env` names, else PGPASSWORD, else the password file (PGPASSFILE,
/// or ~/.pgpass) line matching host, port, database and user.
enum Passwords {
  static func find(for request: RemoteConnectRequest, environment: [String: String])
    throws(RemoteFailure) -> String?
  {
    if let variable = request.passwordVariable {
      guard let value = environment[variable] else {
        throw RemoteFailure(
          .setting, "`password_env` names \(variable), which is not set in the environment",
          hint:
            "export \(variable)=… before starting dsw, or remove `password_env` to use PGPASSWORD or ~/.pgpass"
        )
      }
      return value
    }
    if let value = environment["PGPASSWORD"] { return value }
    let path =
      environment["PGPASSFILE"]
      ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
    guard !path.isEmpty, let data = FileManager.default.contents(atPath: path),
      data.count < 1 << 20
    else { return nil }
    // libpq ignores a password file others can read.
    if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0
    {
      return nil
    }
    let target = request.target
    return match(
      String(decoding: data, as: UTF8.self), host: target.host, port: target.port,
      database: target.database, user: target.user)
  }

  /// The password of the first line of a `.pgpass` text that matches; `*`
  /// matches anything, and `\:` and `\\` are escapes.
  static func match(_ text: String, host: String, port: Int, database: String, user: String)
    -> String?
  {
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      var fields: [String] = []
      var field = ""
      var escaped = false
      for character in line {
        if escaped {
          field.append(character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == ":", fields.count < 4 {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      fields.append(field)
      guard fields.count == 5 else { continue }
      let wanted = [host, String(port), database, user]
      let hostMatches =
        fields[0] == "*" || fields[0] == host
        || (fields[0] == "localhost" && (host == "127.0.0.1" || host == "::1"))
      if hostMatches && zip(fields[1...3], wanted[1...3]).allSatisfy({ $0 == "*" || $0 == $1 }) {
        return fields[4]
      }
    }
    return nil
  }
}
