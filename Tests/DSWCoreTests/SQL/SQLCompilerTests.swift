import Testing

@testable import DSWCore

/// The SQL that pipelines compile to, as golden files under `Snapshots/SQL/`
/// (`DSW_RECORD=1` records them). Each golden holds a group of pipelines,
/// each followed by its SQL and the steps that stay local.
@Suite struct SQLCompilerTests {
  static let data: [(String, String)] = [
    (
      "g.csv",
      """
      k,v,w,s,f,d,t
      a,1,1.0,x,true,2024-01-01,2024-01-01T10:00:00Z
      b,4,,y,false,2024-02-29,2024-03-01T00:30:00Z
      """
    ),
    ("step1.csv", "k,z\na,1"),
    (
      "h.csv",
      """
      k,label,v
      a,first,1.5
      c,third,2.5
      """
    ),
    (
      "events.csv",
      """
      userId,eventType,web.webPageDetails.name,commerce.order.priceTotal,timestamp
      u1,web.webpagedetails.pageViews,home,,2024-01-01T10:00:00Z
      u2,commerce.purchases,cart,19.5,2024-01-02T11:00:00Z
      """
    ),
  ]

  static let groups: [(String, [String])] = [
    (
      "transforms",
      [
        "from g",
        "from g | filter v > 1 and s != \"x\"",
        "from g | select k, v2 = v * 2 | rename key = k",
        "from g | drop w, s",
        "from g | derive a = v + 1, b = a * 2, v = v - 1",
        "from g | sort -v, k | take 5",
        "from g | sort k | derive n = v + 1",
        "from g | take 3",
        "from g | distinct",
        "from g | distinct k",
        "from g | join left h on k",
        "from g | join semi h on k",
        "from g | join anti h on v == v",
        "from g | append h",
        "from g | filter v > 0 | join step1 on k | aggregate n = count() by one = 1 | sort 1",
        "from events | filter eventType == \"commerce.purchases\" | aggregate revenue = sum(`commerce.order.priceTotal`), pages = count_distinct(`web.webPageDetails.name`) by userId | sort -revenue",
      ]
    ),
    (
      "expressions",
      [
        "from g | derive a = v / 2, b = v // 3, c = v % 3, e = w // 2, q = w / v",
        "from g | filter w > 1.5 or w < 0.5 or w == 2.0 or w != v",
        "from g | filter s < \"b\" and k in [\"a\", \"b\"] and v not in [1, 2] and w is not null",
        "from g | derive c = case when v > 2 then \"big\" when v > 1 then \"mid\" else \"small\" end, i = if(f, 1, 0), z = coalesce(w, 0.0)",
        "from g | derive n = -v, no = not f, j = s || \"-\" || v, x = 1 + 2",
        "from g | derive a = cast(v, \"double\"), b = cast(w, \"int\"), c = cast(s, \"int\"), d = cast(w, \"string\"), e = cast(f, \"int\"), g2 = cast(d, \"timestamp\"), h2 = cast(t, \"date\"), i = cast(t, \"string\"), j = try_cast(s, \"double\"), k2 = cast(v, \"bool\"), l = cast(s, \"bool\")",
        "from g | filter d >= \"2024-01-15\" and t < timestamp(\"2024-02-01T00:00:00+02:00\")",
      ]
    ),
    (
      "functions",
      [
        "from g | derive a = lower(s), b = upper(k), c = trim(s), d = ltrim(s, \"x\"), e = length(s), f2 = substr(s, 2, 3), g2 = substr(s, v)",
        "from g | derive a = lpad(s, 5, \"0\"), b = rpad(s, v), c = concat(k, v, w), d = concat_ws(\",\", k, v), e = split_part(s, \"-\", 2), f2 = replace(s, \"x\", \"y\")",
        "from g | filter contains(s, \"x\") or starts_with(s, \"y\") or ends_with(s, \"z\") or s like \"a%\" or s ilike \"B_\"",
        "from g | derive a = regexp_matches(s, \"^x\\\\b\"), b = regexp_extract(s, \"([a-z])(\\\\d+)\", 2), c = regexp_replace(s, \"[aeiou]\", \"_\", \"g\")",
        "from g | derive y = year(d), m = month(t), dd = day(d), h = hour(t), wd = weekday(d), wk = date_trunc(\"week\", d), hr = date_trunc(\"hour\", t)",
        "from g | derive a = date_add(d, 1, \"month\"), b = date_add(t, -2, \"day\"), c = date_add(d, 3, \"hour\"), e = days_between(d, t), h = hours_between(t, d), m = minutes_between(d, t)",
        "from g | derive a = abs(v), b = round(w), c = round(w, 2), e = round(v, -1), f2 = floor(w), g2 = ceil(v), h = pow(w, 2), i = sqrt(w), j = exp(w), l = log(w), m = log10(w), n = greatest(v, w), o = least(s, k)",
        "from g | derive a = date(s), b = try_date(s), c = date(t), e = timestamp(s)",
      ]
    ),
    (
      "aggregates",
      [
        "from g | aggregate n = count(), nv = count(v), nd = count_distinct(s), ci = count_if(v > 1) by k",
        "from g | aggregate sv = sum(v), sw = sum(w), sf = sum(f), m = mean(v), a = avg(w), sd = stddev(v), var = variance(w), c = corr(v, w)",
        "from g | aggregate lo = min(s), hi = max(s), lf = min(f), hf = max(f), ld = min(d), med = median(v), q = quantile(w, 0.9)",
        "from g | aggregate fv = first(v), lv = last(s) by k",
        "from g | sort v | aggregate fv = first(v), lv = last(s) by k",
        "from g | aggregate spread = max(v) - min(w), label = concat(k, \":\", count()) by k, big = v >= 4",
      ]
    ),
    (
      "windows",
      [
        "from g | window by k order -v derive r = row_number(), rk = rank(), dr = dense_rank(), nt = ntile(3)",
        "from g | window order t derive prev = lag(v), next = lead(s, 2), rs = running_sum(v), rc = running_count(), rm = running_mean(w)",
        "from g | window by k derive total = sum(v), share = v / sum(v), n = count()",
        "from g | window by k derive m = median(v), q = quantile(w, 0.9), n = count_distinct(s), fv = first(v), lv = last(s), c = count()",
        "from g | window derive m = median(v)",
      ]
    ),
    (
      "local",
      [
        "from g | filter v > 1 | sample 10 (seed: 7) | derive x = 1",
        "from g | pivot k (n = count()) by s",
        "from g | derive r = w % 2",
        "from g | derive a = date(s, \"%d/%m/%Y\")",
        "from g | derive a = regexp_extract(s, \"a|ab\")",
        "from g | derive a = regexp_matches(s, \"(?<x>a)\")",
        "from g | filter v > 0 | describe",
      ]
    ),
  ]

  static func session() -> Session {
    let files = MemoryFiles(
      Dictionary(
        data.map { ("/" + $0.0, Array(($0.1 + "\n").utf8)) }, uniquingKeysWith: { a, _ in a }))
    let session = Session(context: SessionContext(files: files, maxRows: 100))
    for (name, _) in data {
      let stem = name.split(separator: ".").first.map(String.init) ?? name
      _ = session.run("load \"\(name)\" as \(stem)")
    }
    return session
  }

  @Test(arguments: groups.map(\.0))
  func golden(_ group: String) throws {
    let session = Self.session()
    var out = ""
    for source in Self.groups.first(where: { $0.0 == group })?.1 ?? [] {
      out += "-- " + source + "\n"
      let program = try Parser.parseProgram(source)
      guard case .pipeline(let pipeline) = program.statements.first?.kind else {
        Issue.record("not a pipeline: \(source)")
        continue
      }
      do throws(Diagnostic) {
        let compiled = try session.compileSQL(pipeline, source: source)
        out += SQLPlanText.sql(compiled, source: source) + "\n\n"
      } catch {
        out += "error: \(error.message)\n\n"
      }
    }
    Golden.assertMatches(out, at: "SQL/\(group).sql")
  }
}
