/// Shortens names to fit narrow columns while keeping them apart.
///
/// A name that fits stays whole. A longer one first tries abbreviating its
/// dotted segments from the left (`web.webPageDetails.name` → `w.w.name`),
/// then a cut in the middle that keeps its end (`web.formFilledOut` →
/// `web.form…Out`), since names that share a prefix differ at the end.
/// Names that would still read the same get other cuts, and as a last
/// resort a `~N` suffix: two different names never look alike.
public enum NameShortener {
  /// Each of `names` fitted to its width in `widths`.
  public static func shorten(_ names: [String], widths: [Int]) -> [String] {
    var result = zip(names, widths).map { shorten($0, width: $1) }
    // Groups of different names that read the same, fixed one group at a time.
    for _ in 0..<names.count {
      guard let clash = clashingGroup(result, names) else { break }
      resolve(clash, names: names, widths: widths, into: &result)
    }
    return result
  }

  /// `name` fitted to `width` by the first rule that works.
  public static func shorten(_ name: String, width: Int) -> String {
    candidates(name, width: width).first ?? ""
  }

  /// Every way to show `name` in `width` columns, best first.
  static func candidates(_ name: String, width: Int) -> [String] {
    guard width > 0 else { return [""] }
    if DisplayWidth.of(name) <= width { return [name] }
    var found: [String] = []
    var segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if segments.count > 1 {
      for index in 0..<(segments.count - 1) where segments[index].count > 1 {
        segments[index] = String(segments[index].prefix(1))
        let abbreviated = segments.joined(separator: ".")
        if DisplayWidth.of(abbreviated) <= width {
          found.append(abbreviated)
          break
        }
      }
    }
    guard width >= 3 else {
      return found + [DisplayWidth.truncate(name, to: width)]
    }
    let preferredTail = max(1, (width - 1) / 3)
    var tails = [preferredTail]
    tails += (1..<(width - 1)).filter { $0 != preferredTail }.sorted {
      abs($0 - preferredTail) < abs($1 - preferredTail)
    }
    for tail in tails {
      found.append(middleCut(name, width: width, tail: tail))
    }
    return found
  }

  /// `name` as head, `…`, and the last `tail` columns, `width` wide in all.
  static func middleCut(_ name: String, width: Int, tail: Int) -> String {
    let end = suffix(name, width: tail)
    let headWidth = width - 1 - DisplayWidth.of(end)
    var head = ""
    var used = 0
    for character in name {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > headWidth { break }
      head.append(character)
      used += characterWidth
    }
    return head + DisplayWidth.ellipsis + end
  }

  /// The longest end of `name` at most `width` columns wide.
  static func suffix(_ name: String, width: Int) -> String {
    var end: [Character] = []
    var used = 0
    for character in name.reversed() {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > width { break }
      end.append(character)
      used += characterWidth
    }
    return String(end.reversed())
  }

  /// The positions of the first set of different names that show alike.
  private static func clashingGroup(_ shown: [String], _ names: [String]) -> [Int]? {
    var byText: [String: [Int]] = [:]
    for (index, text) in shown.enumerated() { byText[text, default: []].append(index) }
    for index in shown.indices {
      guard let group = byText[shown[index]], group.count > 1 else { continue }
      if Set(group.map { names[$0] }).count > 1 { return group }
    }
    return nil
  }

  private static func resolve(
    _ group: [Int], names: [String], widths: [Int], into result: inout [String]
  ) {
    let others = Set(result.indices.filter { !group.contains($0) }.map { result[$0] })
    let options = group.map { candidates(names[$0], width: widths[$0]) }
    let rounds = options.map(\.count).max() ?? 0
    for round in 0..<rounds {
      let texts = options.map { $0[min(round, $0.count - 1)] }
      let distinctNames = Set(group.map { names[$0] }).count
      if Set(texts).count == distinctNames, others.isDisjoint(with: texts) {
        for (index, text) in zip(group, texts) { result[index] = text }
        return
      }
    }
    // No cut tells them apart: number them, keeping as much as fits.
    for (number, index) in group.enumerated() where number > 0 {
      let mark = "~\(number + 1)"
      let room = max(0, widths[index] - mark.count)
      result[index] = DisplayWidth.truncate(result[index], to: room) + mark
    }
  }
}
