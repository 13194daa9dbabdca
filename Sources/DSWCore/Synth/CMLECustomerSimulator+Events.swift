/// The behaviour model: how a customer's hidden engagement turns into events.
extension CMLECustomerSimulator {
  /// The model's constants. Probabilities are logistic in engagement: `bias + slope × z`.
  enum Behaviour {
    static let driftDecay = 0.97
    static let driftNoise = 0.12
    static let driftLimit = 3.0
    static let churnBias = -5.9
    static let churnSlope = 1.3
    static let sessionBias = -5.2
    static let sessionSlope = 0.9
    static let campaignTargetRate = 0.3
    static let openBias = -1.3
    static let openSlope = 0.8
    static let clickBias = -1.2
    static let clickSlope = 0.6
    static let adClickBias = -3.3
    static let adClickSlope = 0.5
    static let displayRate = 0.35
    static let interactBias = -1.0
    static let interactSlope = 0.5
    static let dismissShare = 0.6
    static let morePagesRate = 0.45
    static let linkClickRate = 0.35
    static let productViewBias = -0.4
    static let productViewSlope = 0.6
    static let moreProductViewsRate = 0.4
    static let purchaseBias = -2.0
    static let purchaseSlope = 0.5
    static let purchaseSpendSlope = 0.3
    static let conversionBias = -3.4
    static let conversionSlope = 1.0
    /// The chance each extra unit is added to a basket, by spend tier.
    static let extraUnitRate = [0.10, 0.18, 0.26, 0.34]
  }

  private typealias Page = CMLECatalog.Page
  private static let millisPerHour: Int64 = 3_600_000

  /// One day of a customer's life: churn, campaigns, ads and visits.
  mutating func simulate(day: Int) {
    let dayStart = Int64(day) * Self.millisPerDay
    let logistic = setup.logistic
    if !customer.churned,
      random.nextDouble()
        < logistic(Behaviour.churnBias - Behaviour.churnSlope * customer.engagement)
    {
      customer.churned = true
    }
    // Campaigns go out weekly to a sample of the list, churned or not.
    if day % 7 == 1, customer.optedIn, random.nextDouble() < Behaviour.campaignTargetRate {
      emailCampaign(sentAt: dayStart + 10 * Self.millisPerHour + randomMillis(below: 3_600_000))
    }
    if !customer.churned {
      if random.nextDouble() < customer.adRate {
        advertising(at: dayStart + diurnalMillis())
      }
      if random.nextDouble()
        < logistic(Behaviour.sessionBias + Behaviour.sessionSlope * customer.engagement)
      {
        session(startingAt: dayStart + diurnalMillis(), landing: organicLanding())
      }
    }
    let drift =
      Behaviour.driftDecay * customer.drift + Behaviour.driftNoise * SynthMath.normal(&random)
    customer.drift = min(Behaviour.driftLimit, max(-Behaviour.driftLimit, drift))
  }

  /// Appends an event unless it falls after the window; engagement moves with it.
  @discardableResult
  private mutating func emit(
    _ type: CMLEEventType, at time: Int64, page: Int16 = -1, sku: Int16 = -1,
    quantity: Int16 = 0
  ) -> Bool {
    // A follow-up is always later than its cause, so dropping late events
    // keeps every funnel step behind the step that led to it.
    guard time < endMillis else { return false }
    events.append(
      time: time, user: customer.user, type: type, page: page, sku: sku, quantity: quantity)
    customer.drift += type.engagementEffect
    return true
  }

  private mutating func emailCampaign(sentAt sent: Int64) {
    guard emit(.emailSent, at: sent), !customer.churned else { return }
    let logistic = setup.logistic
    guard
      random.nextDouble()
        < logistic(Behaviour.openBias + Behaviour.openSlope * customer.engagement)
    else { return }
    // Most opens come within hours; a long tail waits up to two days.
    let delay = random.nextDouble()
    let openedAt = sent + 300_000 + Int64(delay * delay * delay * 47 * 3_600_000)
    guard emit(.emailOpened, at: openedAt) else { return }
    guard
      random.nextDouble()
        < logistic(Behaviour.clickBias + Behaviour.clickSlope * customer.engagement)
    else { return }
    let clickedAt = openedAt + 5_000 + randomMillis(below: 175_000)
    guard emit(.emailClicked, at: clickedAt) else { return }
    let landing =
      random.nextDouble() < 0.5 ? Page.offers : Page.category(customer.favoriteCategory)
    session(startingAt: clickedAt + 2_000 + randomMillis(below: 8_000), landing: landing)
  }

  private mutating func advertising(at shown: Int64) {
    guard emit(.adImpression, at: shown) else { return }
    guard
      random.nextDouble()
        < setup.logistic(Behaviour.adClickBias + Behaviour.adClickSlope * customer.engagement)
    else { return }
    let clickedAt = shown + 1_000 + randomMillis(below: 29_000)
    guard emit(.adClick, at: clickedAt) else { return }
    let landing = Page.category(preferredCategory())
    session(startingAt: clickedAt + 2_000 + randomMillis(below: 4_000), landing: landing)
  }

  /// A visit: a landing page, maybe an offer, browsing, products, a purchase, a form.
  private mutating func session(startingAt start: Int64, landing: Int16) {
    let logistic = setup.logistic
    var time = start
    var page = landing
    guard emit(.pageView, at: time, page: page) else { return }

    if random.nextDouble() < Behaviour.displayRate {
      time += 2_000 + randomMillis(below: 6_000)
      guard emit(.propositionDisplay, at: time) else { return }
      let interactRate = logistic(
        Behaviour.interactBias + Behaviour.interactSlope * customer.engagement)
      let response = random.nextDouble()
      time += 3_000 + randomMillis(below: 17_000)
      if response < interactRate {
        guard emit(.propositionInteract, at: time) else { return }
      } else if response < interactRate + Behaviour.dismissShare * (1 - interactRate) {
        guard emit(.propositionDismiss, at: time) else { return }
      }
    }

    var extraPages = 0
    while extraPages < 8, random.nextDouble() < Behaviour.morePagesRate {
      extraPages += 1
      time += 10_000 + randomMillis(below: 80_000)
      if random.nextDouble() < Behaviour.linkClickRate {
        guard emit(.linkClick, at: time, page: page) else { return }
        time += 1_000 + randomMillis(below: 2_000)
      }
      page = nextPage()
      guard emit(.pageView, at: time, page: page) else { return }
    }

    var viewedSku: Int16 = -1
    if random.nextDouble()
      < logistic(Behaviour.productViewBias + Behaviour.productViewSlope * customer.engagement)
    {
      var views = 0
      repeat {
        views += 1
        time += 15_000 + randomMillis(below: 105_000)
        let sku = pickSku()
        guard emit(.productView, at: time, sku: sku, quantity: 1) else { return }
        viewedSku = sku
      } while views < 6 && random.nextDouble() < Behaviour.moreProductViewsRate
    }

    // A purchase buys the product the visitor settled on: the last one viewed.
    let buyRate = logistic(
      Behaviour.purchaseBias + Behaviour.purchaseSlope * customer.engagement
        + Behaviour.purchaseSpendSlope * customer.spend)
    if viewedSku >= 0, random.nextDouble() < buyRate {
      time += 20_000 + randomMillis(below: 100_000)
      guard emit(.pageView, at: time, page: Page.cart) else { return }
      time += 10_000 + randomMillis(below: 60_000)
      guard emit(.pageView, at: time, page: Page.checkout) else { return }
      time += 30_000 + randomMillis(below: 150_000)
      guard emit(.purchase, at: time, sku: viewedSku, quantity: basketQuantity()) else { return }
    }

    if random.nextDouble()
      < logistic(Behaviour.conversionBias + Behaviour.conversionSlope * customer.engagement)
    {
      time += 30_000 + randomMillis(below: 270_000)
      emit(.formFilledOut, at: time)
    }
  }

  // MARK: Small draws

  @inline(__always)
  private mutating func randomMillis(below bound: Int) -> Int64 {
    Int64(random.nextInt(below: bound))
  }

  /// A time of day, weighted by the site's hourly traffic.
  private mutating func diurnalMillis() -> Int64 {
    let hour = Int64(setup.catalog.hourBySlot[Int(random.next() & 255)])
    return hour * Self.millisPerHour + randomMillis(below: 3_600_000)
  }

  private mutating func preferredCategory() -> Int {
    if random.nextDouble() < customer.affinity { return customer.favoriteCategory }
    return Int(setup.catalog.categoryBySlot[Int(random.next() & 255)])
  }

  private mutating func organicLanding() -> Int16 {
    let draw = random.nextDouble()
    if draw < 0.6 { return Page.home }
    if draw < 0.8 { return Page.search }
    return Page.category(preferredCategory())
  }

  private mutating func nextPage() -> Int16 {
    let draw = random.nextDouble()
    if draw < 0.6 { return Page.category(preferredCategory()) }
    if draw < 0.75 { return Page.search }
    if draw < 0.85 { return Page.home }
    if draw < 0.9 { return Page.blog }
    if draw < 0.95 { return Page.account }
    return Page.help
  }

  /// A product in a preferred category; big spenders lean to the dearer SKUs.
  private mutating func pickSku() -> Int16 {
    let category = preferredCategory()
    let count = CMLECatalog.skusPerCategory
    var step = random.nextInt(below: count)
    switch customer.spendTier {
    case 0: step = min(step, random.nextInt(below: count))
    case 2: step = max(step, random.nextInt(below: count))
    case 3: step = max(step, random.nextInt(below: count), random.nextInt(below: count))
    default: break
    }
    return Int16(category * count + step)
  }

  private mutating func basketQuantity() -> Int16 {
    let rate = Behaviour.extraUnitRate[customer.spendTier]
    var quantity: Int16 = 1
    while quantity < 9, random.nextDouble() < rate { quantity += 1 }
    return quantity
  }
}
