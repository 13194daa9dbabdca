import DSWCore
import Foundation
import Testing

/// The events obey the funnel and the null rules a data scientist relies on.
@Suite("CMLE event rules")
struct CMLEEventRulesTests {
  struct Row {
    var user: Int32
    var time: Int64
    var type: String
    var page: String?
    var url: String?
    var total: Double?
    var sku: String?
    var category: String?
    var price: Double?
    var quantity: Int64?
  }

  static let rows: Result<[Row], any Error> = Result {
    let (_, events) = try CMLESynthTests.tables()
    func column(_ name: String) throws -> Column {
      guard let column = events.column(named: name) else {
        throw CMLEBehaviour.Failure.unexpectedStorage
      }
      return column
    }
    let users = try column("userId")
    let times = try column("timestamp")
    let types = try column("eventType")
    let pages = try column("web.webPageDetails.name")
    let urls = try column("web.webPageDetails.URL")
    let totals = try column("commerce.order.priceTotal")
    let skus = try column("sku")
    let categories = try column("category")
    let prices = try column("price")
    let quantities = try column("quantity")
    guard case .string(let userCodes, _) = users.storage,
      case .timestamp(let timeValues) = times.storage
    else { throw CMLEBehaviour.Failure.unexpectedStorage }
    func text(_ column: Column, _ row: Int) -> String? {
      if case .string(let value) = column.value(at: row) { value } else { nil }
    }
    func double(_ column: Column, _ row: Int) -> Double? {
      if case .double(let value) = column.value(at: row) { value } else { nil }
    }
    return (0..<events.rowCount).map { row in
      Row(
        user: userCodes[row], time: timeValues[row], type: text(types, row) ?? "",
        page: text(pages, row), url: text(urls, row), total: double(totals, row),
        sku: text(skus, row), category: text(categories, row), price: double(prices, row),
        quantity: { if case .int(let value) = quantities.value(at: row) { value } else { nil } }())
    }
  }

  @Test("events are in global time order, inside the window")
  func timeOrder() throws {
    let rows = try Self.rows.get()
    let start = CMLESynth.defaultStart * 86_400_000_000
    let end = start + 84 * 86_400_000_000
    #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.time <= $1.time })
    // Ties keep user order (a user's codes are their index), as the stable sort promises.
    #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.time < $1.time || $0.user <= $1.user })
    #expect(rows.allSatisfy { $0.time >= start && $0.time < end })
  }

  @Test("every event type occurs")
  func allTypesOccur() throws {
    let rows = try Self.rows.get()
    #expect(Set(rows.map(\.type)) == Set(CMLEBehaviour.eventTypes))
  }

  @Test("each funnel step follows the step that leads to it, for every customer")
  func funnelOrder() throws {
    let rows = try Self.rows.get()
    let byUser = Dictionary(grouping: rows, by: \.user)
    var violations: [String] = []
    for (user, history) in byUser {
      var counts: [String: Int] = [:]
      var viewedSkus: Set<String> = []
      for event in history {
        counts[event.type, default: 0] += 1
        func atMost(_ step: String, _ cause: [String]) {
          let caused = counts[step, default: 0]
          let causes = cause.reduce(0) { $0 + counts[$1, default: 0] }
          if caused > causes { violations.append("user \(user): \(step) before \(cause)") }
        }
        atMost("directMarketing.emailOpened", ["directMarketing.emailSent"])
        atMost("directMarketing.emailClicked", ["directMarketing.emailOpened"])
        atMost("advertising.clicks", ["advertising.impressions"])
        atMost(
          "decisioning.propositionInteract",
          ["decisioning.propositionDisplay"])
        atMost("decisioning.propositionDismiss", ["decisioning.propositionDisplay"])
        if event.type == "commerce.productViews", counts["web.webpagedetails.pageViews"] == nil {
          violations.append("user \(user): a product view before any page view")
        }
        atMost("commerce.purchases", ["commerce.productViews"])
        if event.type == "commerce.productViews", let sku = event.sku { viewedSkus.insert(sku) }
        if event.type == "commerce.purchases", let sku = event.sku, !viewedSkus.contains(sku) {
          violations.append("user \(user): bought \(sku) without viewing it")
        }
      }
      let interactions =
        counts["decisioning.propositionInteract", default: 0]
        + counts["decisioning.propositionDismiss", default: 0]
      if interactions > counts["decisioning.propositionDisplay", default: 0] {
        violations.append("user \(user): more responses than offers")
      }
    }
    #expect(violations.count == 0, "\(violations.prefix(5))")
  }

  @Test("product fields are set exactly on product views and purchases")
  func productNulls() throws {
    for row in try Self.rows.get() {
      let isProduct = row.type == "commerce.productViews" || row.type == "commerce.purchases"
      #expect((row.sku != nil) == isProduct)
      #expect((row.category != nil) == isProduct)
      #expect((row.price != nil) == isProduct)
      #expect((row.quantity != nil) == isProduct)
      if let sku = row.sku, let category = row.category {
        #expect(sku.hasPrefix(String(category.prefix(2)).uppercased()) || sku.count == 8)
      }
    }
  }

  @Test("priceTotal is price × quantity on purchases and null elsewhere")
  func orderTotals() throws {
    for row in try Self.rows.get() {
      if row.type == "commerce.purchases" {
        let total = try #require(row.total)
        let price = try #require(row.price)
        let quantity = try #require(row.quantity)
        #expect(total == price * Double(quantity))
        #expect(quantity >= 1)
      } else {
        #expect(row.total == nil)
      }
    }
  }

  @Test("page name and URL are set exactly on page views and link clicks")
  func pageNulls() throws {
    for row in try Self.rows.get() {
      let isPage =
        row.type == "web.webpagedetails.pageViews" || row.type == "web.webinteraction.linkClicks"
      #expect((row.page != nil) == isPage)
      #expect((row.url != nil) == isPage)
      if let url = row.url { #expect(url.hasPrefix("https://shop.example.com/")) }
    }
  }

  @Test("a customer's events start on or after their signup day")
  func eventsFollowSignup() throws {
    let (profiles, _) = try CMLESynthTests.tables()
    let signupColumn = try #require(profiles.column(named: "signupDate"))
    guard case .date(let signups) = signupColumn.storage else {
      throw CMLEBehaviour.Failure.unexpectedStorage
    }
    for row in try Self.rows.get() {
      #expect(row.time >= signups[Int(row.user)] * 86_400_000_000)
    }
  }
}
