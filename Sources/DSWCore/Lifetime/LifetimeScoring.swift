import Foundation

/// The columns `score` adds for lifetime-value models.
///
/// - bgnbd: `expected_purchases` (repeat purchases expected in the next
///   `horizon` time units) and `p_alive` (the probability the customer has
///   not dropped out);
/// - gamma_gamma: `expected_spend` (the expected value of a future purchase);
/// - both: those and `clv`, expected spend times expected purchases over the
///   horizon, each unit of time's purchases discounted by
///   `(1 + discount_rate)^k` at the end of unit k.
///
/// A row with a null or impossible history (recency past age…) scores null.
enum LifetimeScoring {
  /// Rows between polls of cancellation.
  private static let rowBlock = 1024

  static func columns(
    purchases: (model: BGNBDModel, features: [FeatureSpec])?,
    spend: (model: GammaGammaModel, features: [FeatureSpec])?, table: Table, horizon: Double,
    discountRate: Double, isCancelled: () -> Bool
  ) throws(Diagnostic) -> [(String, Column)] {
    var result: [(String, Column)] = []
    let rowCount = table.rowCount
    func values(_ spec: FeatureSpec) -> [Double] {
      table.column(named: spec.name).map { FeatureFrame.numeric($0, rows: nil) }
        ?? [Double](repeating: .nan, count: rowCount)
    }
    var expected: [Double?] = []
    if let purchases {
      let (x, recency, age) = (
        values(purchases.features[0]), values(purchases.features[1]),
        values(purchases.features[2])
      )
      var alive: [Double?] = []
      expected.reserveCapacity(rowCount)
      for row in 0..<rowCount {
        if row % rowBlock == 0, isCancelled() { throw LearnDiagnostics.interrupted }
        guard validHistory(x[row], recency[row], age[row]) else {
          expected.append(nil)
          alive.append(nil)
          continue
        }
        expected.append(
          finite(
            purchases.model.expectedPurchases(
              horizon: horizon, x: x[row], recency: recency[row], age: age[row])))
        alive.append(
          finite(purchases.model.probabilityAlive(x: x[row], recency: recency[row], age: age[row])))
      }
      result += [("expected_purchases", column(expected)), ("p_alive", column(alive))]
    }
    var perPurchase: [Double?] = []
    if let spend {
      let (x, m) = (values(spend.features[0]), values(spend.features[1]))
      perPurchase = (0..<rowCount).map { row in
        guard x[row].isFinite, x[row] >= 0, m[row].isFinite else { return nil }
        // No repeat purchases: no mean spend of one's own, the population's applies.
        return finite(spend.model.expectedSpend(x: x[row], m: x[row] > 0 ? m[row] : 0))
      }
      result.append(("expected_spend", column(perPurchase)))
    }
    if let purchases, spend != nil {
      let (x, recency, age) = (
        values(purchases.features[0]), values(purchases.features[1]),
        values(purchases.features[2])
      )
      var value: [Double?] = []
      value.reserveCapacity(rowCount)
      for row in 0..<rowCount {
        if row % rowBlock == 0, isCancelled() { throw LearnDiagnostics.interrupted }
        guard let amount = perPurchase[row], let total = expected[row] else {
          value.append(nil)
          continue
        }
        if discountRate == 0 {
          value.append(finite(amount * total))
          continue
        }
        var discounted = 0.0
        var previous = 0.0
        var step = 1.0
        while step - 1 < horizon {
          let time = min(step, horizon)
          let cumulative = purchases.model.expectedPurchases(
            horizon: time, x: x[row], recency: recency[row], age: age[row])
          discounted += (cumulative - previous) / pow(1 + discountRate, time)
          previous = cumulative
          step += 1
        }
        value.append(finite(amount * discounted))
      }
      result.append(("clv", column(value)))
    }
    return result
  }

  private static func validHistory(_ x: Double, _ recency: Double, _ age: Double) -> Bool {
    x.isFinite && recency.isFinite && age.isFinite && x >= 0 && recency >= 0 && age > 0
      && recency <= age
  }

  private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

  private static func column(_ values: [Double?]) -> Column {
    var validity = Bitmap(count: values.count, value: true)
    var numbers = [Double](repeating: 0, count: values.count)
    for (index, value) in values.enumerated() {
      if let value { numbers[index] = value } else { validity.clear(index) }
    }
    return Column(doubles: numbers, validity: values.contains(nil) ? validity : nil)
  }
}
