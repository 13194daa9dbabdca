import DSWCore
import Foundation

/// Charts with several series, for the legend, colour and glyph tests.
extension Fixtures {
  /// Daily revenue of three channels over 60 days, as `by channel` stores it.
  static let multiLine: ChartOutput = {
    let day = Double(86_400_000_000)
    let start = 1_704_067_200_000_000.0
    let channels: [(String, Double, Double)] = [
      ("web", 900, 300), ("email", 400, 150), ("paid_social_campaigns_2024", 200, 120),
    ]
    let series = channels.map { name, base, swing in
      ChartSeries(
        name: name, x: (0..<60).map { start + Double($0) * day },
        y: (0..<60).map { base + swing * sin(Double($0) / 6 + base) + Double($0) * 3 })
    }
    return ChartOutput(
      kind: .line, title: "revenue by day and channel", xLabel: "day", yLabel: "revenue", y: [],
      xTemporal: true, series: series)
  }()

  /// Revenue by region and two y columns, as grouped bars.
  static let multiBar = ChartOutput(
    kind: .bar, title: "revenue, cost by region", xLabel: "region", yLabel: "revenue, cost",
    labels: ["north_america_enterprise", "north_america_smb", "europe", "asia"], y: [],
    series: [
      ChartSeries(name: "revenue", y: [1200, 800, 640, 310]),
      ChartSeries(name: "cost", y: [700, 520, 300, 260]),
    ])

  /// Two clusters of points, coloured by segment.
  static let multiScatter: ChartOutput = {
    var random = SeededRandom(seed: 11)
    let series = [("loyal", 1.0), ("new", -1.0)].map { name, centre in
      var x: [Double] = []
      var y: [Double] = []
      for _ in 0..<120 {
        x.append(centre + 0.5 * random.nextGaussian())
        y.append(centre + 0.5 * random.nextGaussian())
      }
      return ChartSeries(name: name, x: x, y: y)
    }
    return ChartOutput(
      kind: .scatter, title: "monetary by frequency and segment", xLabel: "frequency",
      yLabel: "monetary", y: [], series: series)
  }()
}
