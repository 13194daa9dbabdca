import Foundation

/// One line of progress for long work: label, bar, percent, elapsed time.
///
/// Pure: the app redraws the line with `\r`, and only on a TTY.
public enum ProgressBar {
  static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// `synth cmle ████████▌      62%  1.2s`, exactly `width` columns wide
  /// (or the label alone on a very narrow terminal). `fraction` is clamped
  /// to [0, 1]; NaN counts as 0.
  public static func line(label: String, fraction: Double, width: Int, elapsed: Double?) -> String {
    // A negative fraction: the total is not known, the label counts.
    if fraction < 0 {
      let time = elapsed.map { "  " + formatElapsed($0) } ?? ""
      return DisplayWidth.truncate(SafeText.escape(label) + time, to: max(1, width))
    }
    let fraction = fraction.isNaN ? 0 : min(1, max(0, fraction))
    let percent = DisplayWidth.pad(
      String(Int((fraction * 100).rounded(.down))) + "%", to: 4, alignment: .right)
    let time = elapsed.map { "  " + formatElapsed($0) } ?? ""
    let safeLabel = SafeText.escape(label)
    let labelWidth = min(DisplayWidth.of(safeLabel), max(0, width / 3))
    let barWidth = width - labelWidth - 1 - 1 - DisplayWidth.of(percent) - DisplayWidth.of(time)
    guard barWidth >= 4 else {
      return DisplayWidth.truncate(safeLabel + " " + percent.trimmed(of: " "), to: max(1, width))
    }
    let eighths = Int((fraction * Double(barWidth * 8)).rounded(.down))
    let blocks = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
    return DisplayWidth.fit(safeLabel, to: labelWidth) + " "
      + DisplayWidth.pad(blocks, to: barWidth) + " " + percent + time
  }

  /// `0.4s`, `12.3s`, `2m05s`, `1h02m`.
  public static func formatElapsed(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    if seconds < 60 { return String(format: "%.1fs", seconds) }
    let whole = Int(seconds.rounded(.down))
    if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
    return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
  }
}
