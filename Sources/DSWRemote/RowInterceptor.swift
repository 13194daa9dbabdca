import DSWCore
import NIOCore
import Synchronization

/// Reads a query's rows into columns on the event loop, as they arrive.
///
/// postgres-nio hands rows over one `PostgresRow` at a time, through an
/// async sequence, which costs far more than the bytes themselves. This
/// handler sits just before postgres-nio in the channel and, while a query
/// is armed, takes its RowDescription's types and decodes every DataRow
/// straight from the bytes into typed buffers (`ResultColumns`); the DataRow
/// messages then go no further. Everything else (the row description
/// itself, completion, errors, notices) passes on unchanged, so postgres-nio
/// still runs the protocol: it sees a query that returned no rows.
///
/// Every few thousand rows the columns' size is offered to `admit`: a
/// result that would pass the session's memory limit is dropped there, on
/// the event loop, its remaining rows are discarded as they come, and the
/// server is asked to stop the statement.
final class RowInterceptor: ChannelInboundHandler, Sendable {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  fileprivate struct Armed {
    var progress: @Sendable (Int) -> Void
    /// Given the rows and bytes held, why the result may not grow (nil: it may).
    var admit: @Sendable (_ rows: Int, _ bytes: Int) -> RemoteFailure?
    /// Asks the server to stop the statement, once the result is refused.
    var stop: @Sendable () -> Void
    var columns: ResultColumns?
    var failure: RemoteFailure?
  }

  /// Rows between two looks at the result's size.
  static let rowsBetweenAdmissions = 4096

  fileprivate struct State {
    /// Bytes of a message not yet complete.
    var pending: ByteBuffer?
    var armed: Armed?
  }

  private let state = Mutex(State())

  /// Starts capturing the rows of the next result.
  func arm(
    progress: @escaping @Sendable (Int) -> Void,
    admit: @escaping @Sendable (_ rows: Int, _ bytes: Int) -> RemoteFailure? = { _, _ in nil },
    stop: @escaping @Sendable () -> Void = {}
  ) {
    state.withLock { $0.armed = Armed(progress: progress, admit: admit, stop: stop) }
  }

  /// Stops capturing and returns what was captured: the rows as columns
  /// (no columns when the statement returned none), or why they could not
  /// be read.
  func disarm() throws(RemoteFailure) -> Table {
    let armed = state.withLock { state -> Armed? in
      defer { state.armed = nil }
      return state.armed
    }
    if let failure = armed?.failure { throw failure }
    return armed?.columns?.table() ?? .empty
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var input = unwrapInboundIn(data)
    let output: ByteBuffer? = state.withLock { state in
      var buffer: ByteBuffer
      if var pending = state.pending {
        pending.writeBuffer(&input)
        buffer = pending
        state.pending = nil
      } else {
        buffer = input
      }
      var passed = context.channel.allocator.buffer(capacity: 0)
      var passedAny = false
      while buffer.readableBytes >= 5 {
        let start = buffer.readerIndex
        guard let type = buffer.getInteger(at: start, as: UInt8.self),
          let length = buffer.getInteger(at: start + 1, as: Int32.self), length >= 4
        else { break }
        let total = 1 + Int(length)
        guard buffer.readableBytes >= total else { break }
        if state.armed != nil, type == UInt8(ascii: "D") || type == UInt8(ascii: "T") {
          buffer.withUnsafeReadableBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[5..<total])
            if type == UInt8(ascii: "T") {
              state.armed?.describe(body)
            } else {
              state.armed?.add(body)
            }
          }
          if type == UInt8(ascii: "T") {
            var message = buffer.getSlice(at: start, length: total) ?? ByteBuffer()
            passed.writeBuffer(&message)
            passedAny = true
          }
        } else {
          var message = buffer.getSlice(at: start, length: total) ?? ByteBuffer()
          passed.writeBuffer(&message)
          passedAny = true
        }
        buffer.moveReaderIndex(forwardBy: total)
      }
      if buffer.readableBytes > 0 {
        buffer.discardReadBytes()
        state.pending = buffer
      }
      return passedAny ? passed : nil
    }
    if let output { context.fireChannelRead(wrapInboundOut(output)) }
  }
}

extension RowInterceptor.Armed {
  /// RowDescription: a count of fields, then each field's name and types.
  fileprivate mutating func describe(_ body: UnsafeRawBufferPointer) {
    guard failure == nil, body.count >= 2 else { return }
    let count = Int(ResultColumns.int16(body, 0))
    var offset = 2
    var fields: [ResultColumns.Field] = []
    for _ in 0..<max(0, count) {
      guard let end = body[offset...].firstIndex(of: 0), end + 19 <= body.count else {
        failure = RemoteFailure(
          .unreadable, "the server described its result in a form dsw does not read")
        return
      }
      let name = String(
        decoding: UnsafeRawBufferPointer(rebasing: body[offset..<end]), as: UTF8.self)
      let typeOID = UInt32(bitPattern: ResultColumns.int32(body, end + 7))
      fields.append(ResultColumns.Field(name: name, typeOID: typeOID))
      offset = end + 19
    }
    do throws(RemoteFailure) {
      columns = try ResultColumns(fields: fields)
    } catch {
      failure = error
    }
  }

  fileprivate mutating func add(_ body: UnsafeRawBufferPointer) {
    guard failure == nil, columns != nil else { return }
    guard columns?.appendRow(body) == true else {
      failure = RemoteFailure(
        .unreadable, columns?.refusal ?? "a row of the result was malformed")
      return
    }
    guard let count = columns?.rowCount else { return }
    if count & 0xFFFF == 0 { progress(count) }
    if count % RowInterceptor.rowsBetweenAdmissions == 0, let columns,
      let refusal = admit(count, columns.heldBytes)
    {
      // Free what was read, drop the rest as it comes, and stop the server.
      failure = refusal
      self.columns = nil
      stop()
    }
  }
}
