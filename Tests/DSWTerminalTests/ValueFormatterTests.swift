import DSWCore
import Testing

@testable import DSWTerminal

@Suite struct ValueFormatterTests {
  @Test(arguments: [
    (0.123456789, "0.123457"), (12345.678, "12345.7"), (1.5e9, "1500000000.0"), (3.0, "3.0"),
    (-2.0, "-2.0"), (0.0, "0.0"), (1.5e-7, "1.5e-07"), (1234567.8, "1234567.8"),
    (1e20, "1e+20"), (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
    (0.1, "0.1"), (2.5, "2.5"),
  ])
  func doubles(value: Double, text: String) {
    #expect(ValueFormatter.text(.double(value)) == text)
  }

  @Test func scalars() {
    #expect(ValueFormatter.text(.int(-42)) == "-42")
    #expect(ValueFormatter.text(.int(1_000_000)) == "1000000")
    #expect(ValueFormatter.text(.bool(true)) == "true")
    #expect(ValueFormatter.text(.bool(false)) == "false")
    #expect(ValueFormatter.text(.date(0)) == "1970-01-01")
    #expect(ValueFormatter.text(.date(-1)) == "1969-12-31")
    #expect(ValueFormatter.text(.timestamp(1_577_836_800_000_000)) == "2020-01-01 00:00:00")
    #expect(ValueFormatter.text(.timestamp(1_577_836_800_500_000)) == "2020-01-01 00:00:00.5")
    #expect(ValueFormatter.text(.timestamp(1_577_836_800_000_123)) == "2020-01-01 00:00:00.000123")
  }

  @Test func nullIsDistinctFromEmptyString() {
    #expect(ValueFormatter.text(.null) == "NULL")
    #expect(ValueFormatter.text(.string("")) == "")
    let styler = Styler(theme: .builtinDark, enabled: true)
    #expect(ValueFormatter.render(.null, styler: styler) == "\u{1B}[2;90mNULL\u{1B}[0m")
    #expect(ValueFormatter.render(.string("NULL"), styler: styler) == "NULL")
    #expect(ValueFormatter.render(.string(""), styler: styler) == "")
  }

  @Test func stringsAreMadeSafe() {
    #expect(ValueFormatter.text(.string("\u{1B}[2J")) == "\\e[2J")
  }

  @Test func counts() {
    #expect(ValueFormatter.formatCount(0) == "0")
    #expect(ValueFormatter.formatCount(999) == "999")
    #expect(ValueFormatter.formatCount(1000) == "1,000")
    #expect(ValueFormatter.formatCount(1_000_000) == "1,000,000")
    #expect(ValueFormatter.formatCount(-12345) == "-12,345")
  }

  @Test func fixed() {
    #expect(ValueFormatter.formatFixed(0.8123456, places: 4) == "0.8123")
    #expect(ValueFormatter.formatFixed(4000, places: 4) == "4000.0000")
    #expect(ValueFormatter.formatFixed(.nan, places: 4) == "nan")
  }
}

@Suite struct StylerTests {
  @Test func disabledStylerAddsNothing() {
    for role in ThemeRole.allCases {
      #expect(Styler.plain.paint("text", role) == "text")
    }
    let highContrast = Styler(theme: .builtinHighContrast, enabled: false)
    #expect(highContrast.paint("x", .error) == "x")
  }

  @Test func enabledStylerWritesSGR() {
    let styler = Styler(theme: .builtinDark, enabled: true)
    #expect(styler.paint("3", .number) == "\u{1B}[96m3\u{1B}[0m")
    #expect(styler.paint("oops", .error) == "\u{1B}[1;91moops\u{1B}[0m")
    #expect(styler.paint("plain", .string) == "plain")
    #expect(styler.paint("", .error) == "")
    let rgb = TextStyle(
      foreground: .rgb(red: 1, green: 2, blue: 3), background: .indexed(17), underline: true)
    #expect(styler.paint("x", style: rgb) == "\u{1B}[4;38;2;1;2;3;48;5;17mx\u{1B}[0m")
    #expect(
      styler.paint("x", style: TextStyle(background: .ansi(9))) == "\u{1B}[101mx\u{1B}[0m")
  }

  @Test func eachLineIsPaintedOnItsOwn() {
    let styler = Styler(theme: .builtinDark, enabled: true)
    #expect(styler.paint("a\n\nb", .number) == "\u{1B}[96ma\u{1B}[0m\n\n\u{1B}[96mb\u{1B}[0m")
  }

  @Test func rolesMerge() {
    let styler = Styler(theme: .builtinDark, enabled: true)
    #expect(styler.paint("x", roles: [.heading, .emphasis]) == "\u{1B}[1;3;94mx\u{1B}[0m")
  }

  @Test func colorModeResolution() {
    #expect(ColorMode.auto.resolve(isTTY: true, environment: [:]))
    #expect(!ColorMode.auto.resolve(isTTY: false, environment: [:]))
    #expect(!ColorMode.auto.resolve(isTTY: true, environment: ["NO_COLOR": "1"]))
    #expect(ColorMode.auto.resolve(isTTY: true, environment: ["NO_COLOR": ""]))
    #expect(!ColorMode.auto.resolve(isTTY: true, environment: ["TERM": "dumb"]))
    #expect(ColorMode.always.resolve(isTTY: false, environment: ["NO_COLOR": "1"]))
    #expect(!ColorMode.never.resolve(isTTY: true, environment: [:]))
  }
}

/// Exact numbers: the digits that matter, cents, separators and `digits`.
@Suite struct NumberDisplayTests {
  @Test(arguments: [
    (412_732.18, "412,732.18"), (1_234_567.891, "1,234,567.9"), (12_345.678, "12,345.7"),
    (0.1 + 0.2, "0.3"), (19.99, "19.99"), (1_500_000_000.0, "1,500,000,000.0"),
    (9_999.5, "9999.5"), (-54_321.25, "-54,321.25"), (0.000123456789, "0.000123457"),
    (3.14159265, "3.14159"), (2e15, "2e+15"),
  ])
  func displayDoubles(value: Double, text: String) {
    #expect(ValueFormatter.text(.double(value), numbers: .display) == text)
  }

  @Test func plainDoublesKeepCentsWithoutSeparators() {
    #expect(ValueFormatter.text(.double(412_732.18)) == "412732.18")
    #expect(ValueFormatter.text(.double(1_234_567.891)) == "1234567.9")
  }

  @Test func integersGroupFromTenThousand() {
    #expect(ValueFormatter.text(.int(2024), numbers: .display) == "2024")
    #expect(ValueFormatter.text(.int(12_345), numbers: .display) == "12,345")
    #expect(ValueFormatter.text(.int(-1_000_000), numbers: .display) == "-1,000,000")
    #expect(ValueFormatter.text(.int(12_345)) == "12345")
  }

  @Test func aColumnWithALargeNumberGroupsAllItsNumbers() {
    let style = NumberStyle.display.forColumn([1234, 56_789])
    #expect(ValueFormatter.text(.int(1234), numbers: style) == "1,234")
    #expect(ValueFormatter.text(.int(999), numbers: style) == "999")
    let years = NumberStyle.display.forColumn([2023, 2024])
    #expect(ValueFormatter.text(.int(2024), numbers: years) == "2024")
  }

  @Test(arguments: [
    (3, 3.14159265, "3.14"), (10, 3.14159265, "3.14159265"), (10, 1.0 / 3.0, "0.3333333333"),
    (2, 412_732.18, "412,732.18"), (3, 9.99999, "10.0"), (1, 12_345.678, "12,345.7"),
    (17, 0.1, "0.1"),
  ])
  func digitsSetting(digits: Int, value: Double, text: String) {
    let style = NumberStyle(digits: digits, grouping: true)
    #expect(ValueFormatter.text(.double(value), numbers: style) == text)
  }
}

@Suite struct MetricValueTests {
  @Test func largeMetricsGetSeparatorsSmallOnesDoNot() {
    #expect(MetricsRenderer.valueText(12_345.67891, numbers: .display) == "12,345.6789")
    #expect(MetricsRenderer.valueText(0.81234, numbers: .display) == "0.8123")
    #expect(MetricsRenderer.valueText(4000, numbers: .display) == "4000.0000")
    #expect(MetricsRenderer.valueText(12_345.67891, numbers: .plain) == "12345.6789")
  }
}
