import DSWCore
import Foundation
import Testing

/// Per-customer behaviour aggregated from a generated `events` table, for tests.
///
/// Splits each customer's history at a snapshot time so tests can check that
/// what happens after it is learnable from what happened before it.
struct CMLEBehaviour {
  static let eventTypes = [
    "advertising.impressions", "advertising.clicks", "web.webpagedetails.pageViews",
    "web.webinteraction.linkClicks", "commerce.productViews", "commerce.purchases",
    "decisioning.propositionDisplay", "decisioning.propositionInteract",
    "decisioning.propositionDismiss", "directMarketing.emailSent",
    "directMarketing.emailOpened", "directMarketing.emailClicked", "web.formFilledOut",
  ]

  let userCount: Int
  /// counts[user][type] before the snapshot.
  var countsBefore: [[Double]]
  var countsAfter: [[Double]]
  var spendBefore: [Double]
  var spendAfter: [Double]
  /// Days between the customer's last own action before the snapshot and the snapshot.
  var recencyDays: [Double]
  var categoryViewsBefore: [[Int]]
  var categoryViewsAfter: [[Int]]

  init(events: Table, userCount: Int, snapshotMicros: Int64) throws {
    self.userCount = userCount
    countsBefore = Array(repeating: Array(repeating: 0, count: 13), count: userCount)
    countsAfter = countsBefore
    spendBefore = Array(repeating: 0, count: userCount)
    spendAfter = spendBefore
    recencyDays = Array(repeating: 120, count: userCount)
    categoryViewsBefore = Array(repeating: Array(repeating: 0, count: 8), count: userCount)
    categoryViewsAfter = categoryViewsBefore
    let userColumn = try #require(events.column(named: "userId"))
    let timeColumn = try #require(events.column(named: "timestamp"))
    let typeColumn = try #require(events.column(named: "eventType"))
    let totalColumn = try #require(events.column(named: "commerce.order.priceTotal"))
    let categoryColumn = try #require(events.column(named: "category"))
    guard case .string(let users, _) = userColumn.storage,
      case .timestamp(let times) = timeColumn.storage,
      case .string(let types, let typeNames) = typeColumn.storage,
      case .double(let totals) = totalColumn.storage,
      case .string(let categories, _) = categoryColumn.storage
    else { throw Failure.unexpectedStorage }
    let typeIndex = typeNames.strings.map { Self.eventTypes.firstIndex(of: $0) ?? -1 }
    let sent = 9
    let shown = 0
    for row in 0..<events.rowCount {
      let user = Int(users[row])
      let type = typeIndex[Int(types[row])]
      let before = times[row] < snapshotMicros
      if before {
        countsBefore[user][type] += 1
        spendBefore[user] += totals[row]
        if type != sent && type != shown {
          recencyDays[user] = Double(snapshotMicros - times[row]) / 86_400_000_000
        }
        if categories[row] >= 0 { categoryViewsBefore[user][Int(categories[row])] += 1 }
      } else {
        countsAfter[user][type] += 1
        spendAfter[user] += totals[row]
        if categories[row] >= 0 { categoryViewsAfter[user][Int(categories[row])] += 1 }
      }
    }
  }

  enum Failure: Error { case unexpectedStorage }

  /// Model features: log counts of each event type, recency and log spend.
  func features(user: Int) -> [Double] {
    countsBefore[user].map { log1p($0) } + [recencyDays[user] / 30, log1p(spendBefore[user])]
  }

  /// Whether the customer did anything themselves (not a send or an ad shown) after the snapshot.
  func isActiveAfter(user: Int) -> Bool {
    countsAfter[user].enumerated().contains { type, count in
      type != 0 && type != 9 && count > 0
    }
  }

  func isActiveBefore(user: Int) -> Bool {
    countsBefore[user].enumerated().contains { type, count in
      type != 0 && type != 9 && count > 0
    }
  }
}
