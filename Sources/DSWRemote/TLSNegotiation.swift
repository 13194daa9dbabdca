import DSWCore
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// libpq's sslmode on a fresh channel: the SSLRequest, the server's one-byte
/// answer, and the TLS handler with the verification the mode asks for.
enum TLSNegotiation {
  /// True when the connection now speaks TLS.
  static func negotiate(on channel: any Channel, target: ConnectionString) async throws -> Bool {
    guard target.tlsMode != .disable else { return false }
    let answer = channel.eventLoop.makePromise(of: UInt8.self)
    let reader = SSLAnswerReader(answer: answer)
    try await channel.pipeline.addHandler(reader).get()
    var request = channel.allocator.buffer(capacity: 8)
    request.writeInteger(UInt32(8))
    request.writeInteger(UInt32(80_877_103))
    try await channel.writeAndFlush(request).get()
    let byte = try await answer.futureResult.get()
    guard byte == UInt8(ascii: "S") else {
      if target.tlsMode == .prefer { return false }
      throw RemoteFailure(
        .tls, "the server does not accept TLS connections",
        hint:
          "sslmode is `\(target.tlsMode.rawValue)`; `sslmode=prefer` or `disable` connects without TLS, if that is acceptable"
      )
    }
    var configuration = TLSConfiguration.makeClientConfiguration()
    switch target.tlsMode {
    case .verifyFull: configuration.certificateVerification = .fullVerification
    case .verifyCA: configuration.certificateVerification = .noHostnameVerification
    default:
      // libpq's `require` checks the certificate only when a root
      // certificate is given.
      configuration.certificateVerification =
        target.rootCertificate == nil ? .none : .noHostnameVerification
    }
    if let root = target.rootCertificate { configuration.trustRoots = .file(root) }
    let context: NIOSSLContext
    do {
      context = try NIOSSLContext(configuration: configuration)
    } catch {
      throw RemoteFailure(
        .tls, "the TLS settings could not be used: \(Failures.describe(error))",
        hint: target.rootCertificate.map { "check the certificate file `\($0)`" })
    }
    let isAddress = (try? SocketAddress(ipAddress: target.host, port: 0)) != nil
    let serverHostname = isAddress ? nil : target.host
    // The handshake runs now, so that a certificate that does not verify is
    // reported as such, before the protocol starts.
    let handshake = channel.eventLoop.makePromise(of: Void.self)
    try await channel.eventLoop.submit {
      let handler = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
      let pipeline = channel.pipeline.syncOperations
      try pipeline.addHandler(TLSEventFilter(handshake: handshake), position: .first)
      try pipeline.addHandler(handler, position: .first)
    }.get()
    do {
      try await handshake.futureResult.get()
    } catch {
      throw RemoteFailure(
        .tls, Failures.describe(error),
        hint: target.tlsMode == .verifyFull || target.tlsMode == .verifyCA
          ? "sslmode `\(target.tlsMode.rawValue)` needs the server's certificate to be signed by an authority in `sslrootcert` (or the system's trusted ones)"
          : nil)
    }
    return true
  }
}

/// Reports the end of the TLS handshake, and keeps the TLS handler's events
/// from postgres-nio, which takes a completed handshake for one it started
/// itself.
final class TLSEventFilter: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer
  private let handshake: EventLoopPromise<Void>

  init(handshake: EventLoopPromise<Void>) { self.handshake = handshake }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if let event = event as? TLSUserEvent {
      if case .handshakeCompleted = event { handshake.succeed() }
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    handshake.fail(error)
    context.fireErrorCaught(error)
  }

  func channelInactive(context: ChannelHandlerContext) {
    handshake.fail(ChannelError.eof)
    context.fireChannelInactive()
  }
}

/// Reads the server's one-byte answer to an SSLRequest, then leaves.
final class SSLAnswerReader: ChannelInboundHandler, RemovableChannelHandler, Sendable {
  typealias InboundIn = ByteBuffer
  private let answer: EventLoopPromise<UInt8>

  init(answer: EventLoopPromise<UInt8>) { self.answer = answer }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var buffer = unwrapInboundIn(data)
    guard let byte = buffer.readInteger(as: UInt8.self), buffer.readableBytes == 0 else {
      // More than one byte: someone is injecting plaintext ahead of TLS.
      answer.fail(RemoteFailure(.tls, "the server's answer to the TLS request was malformed"))
      context.close(promise: nil)
      return
    }
    context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    answer.succeed(byte)
  }

  func channelInactive(context: ChannelHandlerContext) {
    answer.fail(RemoteFailure(.lost, "the server closed the connection during the TLS request"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    answer.fail(error)
    context.fireErrorCaught(error)
  }
}

/// Watches the first messages of the protocol for BackendKeyData (`K`),
/// which carries the process id and secret a cancel request needs, and
/// steps out of the pipeline once it has it or the server is ready.
final class BackendKeySniffer: ChannelInboundHandler, RemovableChannelHandler, Sendable {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  struct Key: Sendable {
    var processID: UInt32
    var secret: UInt32
  }

  private struct State {
    var header: [UInt8] = []
    var skip = 0
    var body: [UInt8]?
    var key: Key?
    var done = false
  }

  private let state = Mutex(State())

  var key: Key? { state.withLock { $0.key } }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    let finished = state.withLock { state -> Bool in
      for byte in buffer.readableBytesView {
        if state.done { break }
        if state.skip > 0 {
          state.skip -= 1
          continue
        }
        if var body = state.body {
          body.append(byte)
          if body.count == 8 {
            let word = { (offset: Int) in
              body[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            }
            state.key = Key(processID: word(0), secret: word(4))
            state.body = nil
            state.done = true
          } else {
            state.body = body
          }
          continue
        }
        state.header.append(byte)
        guard state.header.count == 5 else { continue }
        let length = state.header[1...4].reduce(0) { $0 << 8 | Int($1) }
        let type = state.header[0]
        state.header = []
        if type == UInt8(ascii: "K"), length == 12 {
          state.body = []
        } else if type == UInt8(ascii: "Z") || type == UInt8(ascii: "E") {
          state.done = true
        } else {
          state.skip = max(0, length - 4)
        }
      }
      return state.done
    }
    context.fireChannelRead(data)
    if finished { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
  }
}

/// The protocol's CancelRequest: 16 bytes on a new plain connection, which
/// the server answers by closing it.
enum CancelRequest {
  static func send(key: BackendKeySniffer.Key, host: String, port: Int) async {
    do {
      let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(5))
        .connect(host: host, port: port).get()
      var message = channel.allocator.buffer(capacity: 16)
      message.writeInteger(UInt32(16))
      message.writeInteger(UInt32(80_877_102))
      message.writeInteger(key.processID)
      message.writeInteger(key.secret)
      try await channel.writeAndFlush(message).get()
      try await channel.closeFuture.get()
    } catch {
      // Best effort: the statement then runs to its end or its timeout.
    }
  }
}
