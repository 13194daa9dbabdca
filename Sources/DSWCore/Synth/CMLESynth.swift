import Foundation

/// Generates customer data in the shape of the Cloud ML Ecosystem (CMLE)
/// workflow: a `profiles` table and an `events` table of experience events.
///
/// The output depends only on the arguments: the same seed gives the same
/// tables on every machine. Customers are simulated in parallel, each from
/// their own random stream, then events are put in global time order. See
/// docs/synth-cmle.md for the behaviour model.
public enum CMLESynth {
  public static let defaultWeeks = 12
  /// 2024-01-01, in days since the Unix epoch.
  public static let defaultStart: Int64 = 19_723
  public static let maximumUsers = 10_000_000
  public static let maximumWeeks = 520
  /// Bounds the event count (about 0.9 per user-week) and so the memory used.
  public static let maximumUserWeeks = 120_000_000

  /// The identity fields of the generated `profiles`: `userId` is the primary
  /// ECID; `email` is an Email identity.
  public static let profileIdentities: [IdentityField] = [
    IdentityField(column: "userId", namespace: "ECID", isPrimary: true),
    IdentityField(column: "email", namespace: "Email", isPrimary: false),
  ]

  /// Generates `users` customers and about ten events per customer over `weeks` weeks.
  ///
  /// - Parameters:
  ///   - start: the window's first day, in days since the Unix epoch.
  ///   - isCancelled: polled every 1% of customers; generation then throws
  ///     `CancellationError`.
  ///   - progress: called with the fraction of customers done, about every 1%,
  ///     from worker threads, with increasing values.
  public static func generate(
    users: Int, seed: UInt64, weeks: Int = defaultWeeks, start: Int64 = defaultStart,
    isCancelled: @escaping @Sendable () -> Bool = { false },
    progress: (@Sendable (Double) -> Void)? = nil
  ) throws -> (profiles: Table, events: Table) {
    try validate(users: users, weeks: weeks, start: start)
    let root = SeededRandom(seed: seed)
    var offsetStream = root.split(UInt64.max)
    let setup = CMLECustomerSimulator.Setup(
      catalog: CMLECatalog(), logistic: LogisticTable(), root: root, startDay: start,
      dayCount: weeks * 7, ecidOffset: offsetStream.next() % 10_000_000_000_000_000_000)

    let chunkCount = users >= 2 ? 2 : 1
    let results = ChunkResults(chunkCount: chunkCount, users: users, progress: progress)
    let block = max(1, users / 100)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
      let lower = users * chunk / chunkCount
      let upper = users * (chunk + 1) / chunkCount
      var simulator = CMLECustomerSimulator(setup: setup, expectedUsers: upper - lower)
      var user = lower
      while user < upper {
        if isCancelled() {
          results.cancel()
          return
        }
        let blockStart = user
        let blockEnd = min(upper, user + block)
        while user < blockEnd {
          simulator.simulate(user: user)
          user += 1
        }
        results.advance(count: blockEnd - blockStart)
      }
      results.store(chunk: chunk, events: simulator.events, profiles: simulator.profiles)
    }
    guard let (events, profiles) = results.collect(), !isCancelled() else {
      throw CancellationError()
    }
    return (
      profiles: profileTable(profiles, catalog: setup.catalog),
      events: eventTable(
        events, userIds: profiles.userIds, catalog: setup.catalog, startDay: start)
    )
  }

  private static func validate(users: Int, weeks: Int, start: Int64) throws {
    guard (0...maximumUsers).contains(users) else {
      throw Diagnostic.error(
        "E750", "synth cmle needs users between 0 and \(maximumUsers), not \(users)")
    }
    guard (1...maximumWeeks).contains(weeks) else {
      throw Diagnostic.error(
        "E751", "synth cmle needs weeks between 1 and \(maximumWeeks), not \(weeks)")
    }
    // About 0.9 events per user-week; this keeps a run within a few GB.
    guard users * weeks <= maximumUserWeeks else {
      throw Diagnostic.error(
        "E753",
        "synth cmle with \(users) users over \(weeks) weeks would make about "
          + "\(users * weeks * 9 / 10) events; users × weeks must be at most \(maximumUserWeeks)")
    }
    // Keep every generated timestamp well inside the representable range.
    let earliest = CivilTime.days(year: 1900, month: 1, day: 1)
    let latest = CivilTime.days(year: 2200, month: 1, day: 1)
    guard (earliest...latest).contains(start) else {
      throw Diagnostic.error(
        "E752",
        "synth cmle needs a start between 1900-01-01 and 2200-01-01, not "
          + CivilTime.formatDate(days: start))
    }
  }
}

/// Gathers the chunks' output and reports progress across worker threads.
private final class ChunkResults: @unchecked Sendable {
  // Every field is guarded by `lock`.
  private let lock = NSLock()
  private var events: [CMLEEventBuffer?]
  private var profiles: [CMLEProfileBuffer?]
  private var cancelled = false
  private var done = 0
  private let users: Int
  private let progress: (@Sendable (Double) -> Void)?

  init(chunkCount: Int, users: Int, progress: (@Sendable (Double) -> Void)?) {
    events = Array(repeating: nil, count: chunkCount)
    profiles = Array(repeating: nil, count: chunkCount)
    self.users = users
    self.progress = progress
  }

  func cancel() {
    lock.withLock { cancelled = true }
  }

  /// Records that a chunk has finished `count` more customers.
  func advance(count: Int) {
    guard let progress else { return }
    lock.withLock {
      done += count
      // Calling under the lock keeps the reported fractions increasing.
      progress(users == 0 ? 1 : Double(done) / Double(users))
    }
  }

  func store(chunk: Int, events: CMLEEventBuffer, profiles: CMLEProfileBuffer) {
    lock.withLock {
      self.events[chunk] = events
      self.profiles[chunk] = profiles
    }
  }

  /// The chunks concatenated in user order, or nil when cancelled.
  func collect() -> (CMLEEventBuffer, CMLEProfileBuffer)? {
    lock.withLock {
      guard !cancelled else { return nil }
      var allEvents = CMLEEventBuffer(capacity: events.reduce(0) { $0 + ($1?.count ?? 0) })
      var allProfiles = CMLEProfileBuffer(capacity: users)
      for chunk in events.indices {
        guard let chunkEvents = events[chunk], let chunkProfiles = profiles[chunk] else {
          return nil
        }
        allEvents.append(contentsOf: chunkEvents)
        allProfiles.append(contentsOf: chunkProfiles)
      }
      return (allEvents, allProfiles)
    }
  }
}
