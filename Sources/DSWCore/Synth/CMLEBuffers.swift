/// The events one chunk of customers produced, as parallel arrays of codes.
///
/// Strings are not built here: pages, SKUs and event types are stored as
/// codes into `CMLECatalog`, and turned into dictionary-encoded columns once.
struct CMLEEventBuffer: Sendable {
  /// Milliseconds since the start of the window.
  var times: [Int64] = []
  var users: [Int32] = []
  var types: [UInt8] = []
  /// Page code, or -1 when the event is not about a page.
  var pages: [Int16] = []
  /// SKU code, or -1 when the event is not about a product.
  var skus: [Int16] = []
  /// Units bought or viewed; 0 when the event is not about a product.
  var quantities: [Int16] = []

  var count: Int { times.count }

  init(capacity: Int) {
    times.reserveCapacity(capacity)
    users.reserveCapacity(capacity)
    types.reserveCapacity(capacity)
    pages.reserveCapacity(capacity)
    skus.reserveCapacity(capacity)
    quantities.reserveCapacity(capacity)
  }

  @inline(__always)
  mutating func append(
    time: Int64, user: Int32, type: CMLEEventType, page: Int16, sku: Int16, quantity: Int16
  ) {
    times.append(time)
    users.append(user)
    types.append(type.rawValue)
    pages.append(page)
    skus.append(sku)
    quantities.append(quantity)
  }

  mutating func append(contentsOf other: CMLEEventBuffer) {
    times += other.times
    users += other.users
    types += other.types
    pages += other.pages
    skus += other.skus
    quantities += other.quantities
  }
}

/// The profile rows one chunk of customers produced.
struct CMLEProfileBuffer: Sendable {
  var userIds: [String] = []
  var emails: [String] = []
  var firstNames: [Int32] = []
  var lastNames: [Int32] = []
  var tiers: [Int32] = []
  var points: [Int64] = []
  var countries: [Int32] = []
  /// Code into the state dictionary, or -1 outside the US and Canada.
  var states: [Int32] = []
  var signupDays: [Int64] = []

  init(capacity: Int) {
    userIds.reserveCapacity(capacity)
    emails.reserveCapacity(capacity)
    firstNames.reserveCapacity(capacity)
    lastNames.reserveCapacity(capacity)
    tiers.reserveCapacity(capacity)
    points.reserveCapacity(capacity)
    countries.reserveCapacity(capacity)
    states.reserveCapacity(capacity)
    signupDays.reserveCapacity(capacity)
  }

  mutating func append(contentsOf other: CMLEProfileBuffer) {
    userIds += other.userIds
    emails += other.emails
    firstNames += other.firstNames
    lastNames += other.lastNames
    tiers += other.tiers
    points += other.points
    countries += other.countries
    states += other.states
    signupDays += other.signupDays
  }
}
