/// Shortens a set of labels to a width without making two of them read the same.
///
/// A label is cut in the middle (`customer_lifetime_value` → `custome…_value`),
/// because labels that share a prefix (`revenue_2023`, `revenue_2024`) differ
/// at the end. When two different labels would still come out the same, the
/// cut moves along the label until each reads differently; if no cut does, a
/// number is put at the end (`rev…~2`).
public enum LabelAbbreviation {
  public static func abbreviate(_ labels: [String], to width: Int) -> [String] {
    let width = max(1, width)
    var result = labels.map { cut($0, to: width, headShare: 0.5) }
    for _ in 0..<2 {
      let clashes = clashing(result, labels)
      if clashes.isEmpty { return result }
      var done: Set<String> = []
      for index in clashes where !done.contains(labels[index]) {
        done.insert(labels[index])
        let others = Set(result.indices.filter { labels[$0] != labels[index] }.map { result[$0] })
        let short = distinct(labels[index], width: width, avoiding: others) ?? result[index]
        for same in result.indices where labels[same] == labels[index] { result[same] = short }
      }
    }
    // The last resort: number what still clashes.
    var numbers: [String: Int] = [:]
    for index in clashing(result, labels) {
      // Equal labels share a number; different ones never do.
      let count = numbers[labels[index]] ?? (numbers.count + 1)
      numbers[labels[index]] = count
      let suffix = "~\(count)"
      let head = prefix(labels[index], width: max(0, width - DisplayWidth.of(suffix) - 1))
      result[index] = head + DisplayWidth.ellipsis + suffix
    }
    return result
  }

  /// `label` cut to `width` columns, keeping `headShare` of what fits before the `…`.
  static func cut(_ label: String, to width: Int, headShare: Double) -> String {
    guard DisplayWidth.of(label) > width else { return label }
    guard width > 1 else { return DisplayWidth.ellipsis }
    let kept = width - 1
    let headWidth = Int((Double(kept) * headShare).rounded(.up))
    return prefix(label, width: headWidth) + DisplayWidth.ellipsis
      + suffix(label, width: kept - headWidth)
  }

  /// The indexes whose abbreviation equals another's while their labels differ.
  private static func clashing(_ abbreviated: [String], _ labels: [String]) -> [Int] {
    var originals: [String: Set<String>] = [:]
    for (short, label) in zip(abbreviated, labels) { originals[short, default: []].insert(label) }
    return abbreviated.indices.filter { (originals[abbreviated[$0]]?.count ?? 0) > 1 }
  }

  /// A cut of `label` that none of `others` reads as, if there is one.
  private static func distinct(_ label: String, width: Int, avoiding others: Set<String>)
    -> String?
  {
    for step in 0...10 {
      for share in [0.5 - Double(step) * 0.05, 0.5 + Double(step) * 0.05] {
        let candidate = cut(label, to: width, headShare: min(1, max(0, share)))
        if !others.contains(candidate) { return candidate }
      }
    }
    return nil
  }

  private static func prefix(_ text: String, width: Int) -> String {
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > width { break }
      result.append(character)
      used += characterWidth
    }
    return result
  }

  private static func suffix(_ text: String, width: Int) -> String {
    var result: [Character] = []
    var used = 0
    for character in text.reversed() {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > width { break }
      result.append(character)
      used += characterWidth
    }
    return String(result.reversed())
  }
}
