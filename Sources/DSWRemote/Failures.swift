import DSWCore
import Foundation
import NIOCore
import NIOSSL
import PostgresNIO

/// postgres-nio's and NIO's errors as `RemoteFailure`s a user can act on.
enum Failures {
  static func map(_ error: any Error, connecting: Bool = false, hasPassword: Bool = true)
    -> RemoteFailure
  {
    if let failure = error as? RemoteFailure { return failure }
    guard let error = error as? PSQLError else {
      return RemoteFailure(connecting ? .unreachable : .lost, describe(error))
    }
    if let info = error.serverInfo, let message = info[.message] {
      let state = info[.sqlState]
      let kind: RemoteFailure.Kind
      switch state {
      case "28P01": kind = .authentication
      case "28000":
        return RemoteFailure(
          .authentication, message, sqlState: state,
          hint: info[.hint]
            ?? "the server's access rules (pg_hba.conf) refuse this user, database, host or encryption; sslmode may need to change"
        )
      case "57P01", "57P02", "57P03": kind = .lost
      case "57014" where info[.message]?.contains("user request") == true: kind = .interrupted
      default: kind = .server
      }
      return RemoteFailure(
        kind, message, sqlState: state, position: info[.position].flatMap { Int($0) },
        detail: info[.detail], hint: info[.hint])
    }
    switch error.code {
    case .authMechanismRequiresPassword:
      return RemoteFailure(
        .authentication, "the server asks for a password and none was found",
        hint:
          "set PGPASSWORD, add a line to ~/.pgpass, or name a variable holding it with `password_env: \"VAR\"`"
      )
    case .unsupportedAuthMechanism:
      return RemoteFailure(.authentication, "the server asks for a login method dsw does not speak")
    case .saslError:
      return RemoteFailure(.authentication, "the SCRAM password exchange failed")
    case .sslUnsupported:
      return RemoteFailure(.tls, "the server does not accept TLS connections")
    case .queryCancelled:
      return RemoteFailure(.interrupted, "interrupted")
    case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
      return RemoteFailure(.lost, "the server closed the connection")
    case .connectionError:
      if let underlying = error.underlying {
        if underlying is NIOSSLError || underlying is BoringSSLError {
          return RemoteFailure(.tls, describe(underlying))
        }
        return RemoteFailure(connecting ? .unreachable : .lost, describe(underlying))
      }
      return RemoteFailure(connecting ? .unreachable : .lost, "the connection failed")
    default:
      return RemoteFailure(connecting ? .unreachable : .lost, String(describing: error.code))
    }
  }

  /// A short description of a system or TLS error.
  static func describe(_ error: any Error) -> String {
    if let error = error as? RemoteFailure { return error.message }
    if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
    if let error = error as? ChannelError {
      switch error {
      case .connectTimeout(let amount):
        return "no answer within \(amount.nanoseconds / 1_000_000_000) s"
      default: return "\(error)"
      }
    }
    if let error = error as? NIOConnectionError {
      if let first = error.connectionErrors.first { return describe(first.error) }
      if error.dnsAAAAError != nil || error.dnsAError != nil {
        return "the host name `\(error.host)` did not resolve"
      }
      return "connection refused"
    }
    if let error = error as? BoringSSLError {
      let text = "\(error)"
      if text.contains("CERTIFICATE_VERIFY_FAILED") {
        return "the server's certificate did not verify (\(text.prefix(160)))"
      }
      return String(text.prefix(200))
    }
    if let error = error as? NIOSSLError {
      switch error {
      case .handshakeFailed(let inner): return describe(inner)
      default: return "\(error)"
      }
    }
    return String(String(describing: error).prefix(200))
  }
}
