/// Simulates customers one at a time: a profile row, then twelve-odd weeks of
/// experience events driven by a hidden engagement state.
///
/// See docs/synth-cmle.md for the model. Each customer draws only from their
/// own stream (`split(userIndex)`), so any chunking of users gives the same data.
struct CMLECustomerSimulator {
  /// What the simulation needs that is the same for every customer.
  struct Setup: Sendable {
    let catalog: CMLECatalog
    let logistic: LogisticTable
    let root: SeededRandom
    /// Days since the epoch of the window's first day.
    let startDay: Int64
    let dayCount: Int
    /// Added to the scrambled user index to form the second half of each ECID.
    let ecidOffset: UInt64
  }

  /// The hidden traits and running state of the customer being simulated.
  struct Customer {
    var user: Int32 = 0
    /// Long-run engagement, on the logit scale.
    var baseline = 0.0
    /// Short-run departure from the baseline; events push it, days decay it.
    var drift = 0.0
    /// Spend level (standard normal): pricier products and larger baskets.
    var spend = 0.0
    var spendTier = 1
    var favoriteCategory = 0
    /// The chance a product view is in the favourite category.
    var affinity = 0.5
    var optedIn = true
    /// The daily chance of seeing one of our ads.
    var adRate = 0.03
    var churned = false
    var engagement: Double { baseline + drift }
  }

  let setup: Setup
  let endMillis: Int64
  var random: SeededRandom
  var customer = Customer()
  var events: CMLEEventBuffer
  var profiles: CMLEProfileBuffer

  static let millisPerDay: Int64 = 86_400_000

  init(setup: Setup, expectedUsers: Int) {
    self.setup = setup
    endMillis = Int64(setup.dayCount) * Self.millisPerDay
    random = setup.root
    events = CMLEEventBuffer(capacity: expectedUsers * 11)
    profiles = CMLEProfileBuffer(capacity: expectedUsers)
  }

  /// Appends the profile row and the events of customer `user`.
  mutating func simulate(user: Int) {
    random = setup.root.split(UInt64(user))
    customer = Customer()
    customer.user = Int32(truncatingIfNeeded: user)
    let signupDay = makeProfile(user: user)
    let firstDay = Int(max(0, signupDay - setup.startDay))
    guard firstDay < setup.dayCount else { return }
    for day in firstDay..<setup.dayCount { simulate(day: day) }
  }

  // MARK: Profile

  /// Draws the customer's traits and appends their profile row; returns the signup day.
  private mutating func makeProfile(user: Int) -> Int64 {
    customer.baseline = SynthMath.normal(&random)
    customer.drift = 0.3 * SynthMath.normal(&random)
    customer.spend = SynthMath.normal(&random)
    customer.spendTier =
      customer.spend < -0.5 ? 0 : customer.spend < 0.4 ? 1 : customer.spend < 1.2 ? 2 : 3
    customer.favoriteCategory = Int(setup.catalog.categoryBySlot[Int(random.next() & 255)])
    customer.affinity = 0.35 + 0.45 * random.nextDouble()
    customer.optedIn = random.nextDouble() < 0.75
    customer.adRate = 0.06 * random.nextDouble()

    profiles.userIds.append(ecid(user: user))
    let first = random.nextInt(below: CMLECatalog.firstNames.count)
    let last = random.nextInt(below: CMLECatalog.lastNames.count)
    let domain = CMLECatalog.emailDomains[random.nextInt(below: CMLECatalog.emailDomains.count)]
    profiles.firstNames.append(Int32(first))
    profiles.lastNames.append(Int32(last))
    profiles.emails.append(
      CMLECatalog.firstNamesLowercased[first] + "." + CMLECatalog.lastNamesLowercased[last]
        + String(user + 1) + "@" + domain)

    // Loyalty follows spend and engagement, with noise: tiers hold about
    // 55%, 25%, 14% and 6% of customers.
    let loyalty = 0.6 * customer.spend + 0.4 * customer.baseline + 0.5 * SynthMath.normal(&random)
    let tier = loyalty < 0.11 ? 0 : loyalty < 0.74 ? 1 : loyalty < 1.36 ? 2 : 3
    let pointsBase: [Int64] = [0, 2_000, 10_000, 30_000]
    let pointsSpan = [2_000, 8_000, 20_000, 70_000]
    profiles.tiers.append(Int32(tier))
    profiles.points.append(pointsBase[tier] + Int64(random.nextInt(below: pointsSpan[tier])))

    let country = CMLECatalog.weightedIndex(CMLECatalog.countries, draw: random.nextInt(below: 100))
    profiles.countries.append(Int32(country))
    let stateDraw = random.nextInt(below: 400)
    switch CMLECatalog.countries[country].code {
    case "US":
      let total = CMLECatalog.usStates.reduce(0) { $0 + $1.weight }
      let index = CMLECatalog.weightedIndex(CMLECatalog.usStates, draw: stateDraw % total)
      profiles.states.append(Int32(index))
    case "CA":
      let total = CMLECatalog.canadianProvinces.reduce(0) { $0 + $1.weight }
      let index = CMLECatalog.weightedIndex(CMLECatalog.canadianProvinces, draw: stateDraw % total)
      profiles.states.append(Int32(CMLECatalog.usStates.count + index))
    default:
      profiles.states.append(-1)
    }

    // Most customers signed up in the three years before the window; some
    // join during its first two thirds and start with no history.
    let signupDay: Int64
    if random.nextDouble() < 0.85 {
      signupDay = setup.startDay - 1 - Int64(random.nextInt(below: 3 * 365))
    } else {
      signupDay = setup.startDay + Int64(random.nextInt(below: max(1, setup.dayCount * 2 / 3)))
    }
    profiles.signupDays.append(signupDay)
    return signupDay
  }

  /// A 38-digit ECID-like id: 19 random digits, then 19 digits that are a
  /// bijection of the user index, so ids never collide.
  private mutating func ecid(user: Int) -> String {
    let tenToThe19: UInt64 = 10_000_000_000_000_000_000
    let head = 1_000_000_000_000_000_000 + UInt64(random.nextInt(below: 9_000_000_000_000_000_000))
    // Multiplying by a unit modulo 10^19 permutes the residues.
    let product = UInt64(user).multipliedFullWidth(by: 7_046_029_254_386_353_131)
    let scrambled = tenToThe19.dividingFullWidth((product.high, product.low)).remainder
    let room = tenToThe19 - setup.ecidOffset
    let tailReduced = scrambled >= room ? scrambled - room : scrambled + setup.ecidOffset
    var digits = [UInt8](repeating: 48, count: 38)
    var value = head
    for position in stride(from: 18, through: 0, by: -1) {
      digits[position] = 48 + UInt8(value % 10)
      value /= 10
    }
    value = tailReduced
    for position in stride(from: 37, through: 19, by: -1) {
      digits[position] = 48 + UInt8(value % 10)
      value /= 10
    }
    return String(decoding: digits, as: UTF8.self)
  }
}
