-- from g | derive a = lower(s), b = upper(k), c = trim(s), d = ltrim(s, "x"), e = length(s), f2 = substr(s, 2, 3), g2 = substr(s, v)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  ltrim("s", 'x') AS "d",
  "t",
  lower("s") AS "a",
  upper("k") AS "b",
  btrim("s", U&'\0009\000A\000B\000C\000D\0020\0085\00A0\1680\2000\2001\2002\2003\2004\2005\2006\2007\2008\2009\200A\2028\2029\202F\205F\3000') AS "c",
  CAST(char_length("s") AS bigint) AS "e",
  substr("s", 2, CAST(CASE WHEN CASE WHEN 3 < 0 THEN 0 ELSE 3 END > 2147483647 THEN 2147483647 ELSE CASE WHEN 3 < 0 THEN 0 ELSE 3 END END AS integer)) AS "f2",
  substr("s", CAST(CASE WHEN "v" > 2147483647 THEN 2147483647 WHEN "v" < -2147483648 THEN -2147483648 ELSE "v" END AS integer)) AS "g2"
FROM "g";

-- from g | derive a = lpad(s, 5, "0"), b = rpad(s, v), c = concat(k, v, w), d = concat_ws(",", k, v), e = split_part(s, "-", 2), f2 = replace(s, "x", "y")
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  concat_ws(',', "k", CAST("v" AS text)) AS "d",
  "t",
  lpad("s", 5, '0') AS "a",
  rpad("s", CAST(CASE WHEN "v" > 2147483647 THEN 2147483647 WHEN "v" < -2147483648 THEN -2147483648 ELSE "v" END AS integer)) AS "b",
  concat("k", CAST("v" AS text), regexp_replace(CAST("w" AS text), '^(-?[0-9]+)$', '\1.0')) AS "c",
  split_part("s", '-', 2) AS "e",
  replace("s", 'x', 'y') AS "f2"
FROM "g";

-- from g | filter contains(s, "x") or starts_with(s, "y") or ends_with(s, "z") or s like "a%" or s ilike "B_"
SELECT *
FROM "g"
WHERE strpos("s", 'x') > 0 OR starts_with("s", 'y') OR right("s", char_length('z')) = 'z' OR "s" LIKE 'a%' OR "s" ILIKE 'B_';

-- from g | derive a = regexp_matches(s, "^x\\b"), b = regexp_extract(s, "([a-z])(\\d+)", 2), c = regexp_replace(s, "[aeiou]", "_", "g")
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  "s" ~ '^x\y' AS "a",
  CASE WHEN "s" IS NULL THEN NULL ELSE COALESCE((regexp_match("s", '(([a-z])(\d+))'))[3], '') END AS "b",
  regexp_replace("s", '[aeiou]', '_', 'g') AS "c"
FROM "g";

-- from g | derive y = year(d), m = month(t), dd = day(d), h = hour(t), wd = weekday(d), wk = date_trunc("week", d), hr = date_trunc("hour", t)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CAST(EXTRACT(YEAR FROM "d") AS bigint) AS "y",
  CAST(EXTRACT(MONTH FROM "t") AS bigint) AS "m",
  CAST(EXTRACT(DAY FROM "d") AS bigint) AS "dd",
  CAST(EXTRACT(HOUR FROM "t") AS bigint) AS "h",
  CAST(EXTRACT(ISODOW FROM "d") AS bigint) AS "wd",
  CAST(date_trunc('week', CAST("d" AS timestamp)) AS date) AS "wk",
  date_trunc('hour', "t") AS "hr"
FROM "g";

-- from g | derive a = date_add(d, 1, "month"), b = date_add(t, -2, "day"), c = date_add(d, 3, "hour"), e = days_between(d, t), h = hours_between(t, d), m = minutes_between(d, t)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CAST("d" + make_interval(months => 1) AS date) AS "a",
  "t" + (-2) * INTERVAL '1 day' AS "b",
  CAST("d" AS timestamp) + 3 * INTERVAL '1 hour' AS "c",
  CAST(CAST("t" AS date) - "d" AS bigint) AS "e",
  CAST(trunc((EXTRACT(EPOCH FROM CAST("d" AS timestamp)) - EXTRACT(EPOCH FROM "t")) / 3600) AS bigint) AS "h",
  CAST(trunc((EXTRACT(EPOCH FROM "t") - EXTRACT(EPOCH FROM CAST("d" AS timestamp))) / 60) AS bigint) AS "m"
FROM "g";

-- from g | derive a = abs(v), b = round(w), c = round(w, 2), e = round(v, -1), f2 = floor(w), g2 = ceil(v), h = pow(w, 2), i = sqrt(w), j = exp(w), l = log(w), m = log10(w), n = greatest(v, w), o = least(s, k)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  abs("v") AS "a",
  NULLIF(NULLIF(NULLIF(trunc("w") + trunc(2 * ("w" - trunc("w"))), 'NaN'), 'Infinity'), '-Infinity') AS "b",
  NULLIF(NULLIF(NULLIF(CASE WHEN abs("w") > 1.7976931348623156e+306 THEN "w" ELSE (trunc(("w" * 100.0)) + trunc(2 * (("w" * 100.0) - trunc(("w" * 100.0))))) / 100.0 END, 'NaN'), 'Infinity'), '-Infinity') AS "c",
  CASE WHEN abs("v" % 10) * 2 < 10 THEN "v" - "v" % 10 WHEN "v" < 0 THEN "v" - "v" % 10 - 10 ELSE "v" - "v" % 10 + 10 END AS "e",
  NULLIF(NULLIF(NULLIF(floor("w"), 'NaN'), 'Infinity'), '-Infinity') AS "f2",
  "v" AS "g2",
  NULLIF(NULLIF(NULLIF(power("w", 2), 'NaN'), 'Infinity'), '-Infinity') AS "h",
  NULLIF(NULLIF(NULLIF(CASE WHEN "w" >= 0 THEN sqrt("w") END, 'NaN'), 'Infinity'), '-Infinity') AS "i",
  NULLIF(NULLIF(NULLIF(CASE WHEN "w" > 709.782712893384 THEN NULL WHEN "w" < -745.2 THEN 0 ELSE exp("w") END, 'NaN'), 'Infinity'), '-Infinity') AS "j",
  NULLIF(NULLIF(NULLIF(CASE WHEN "w" > 0 THEN ln("w") END, 'NaN'), 'Infinity'), '-Infinity') AS "l",
  NULLIF(NULLIF(NULLIF(CASE WHEN "w" > 0 THEN log("w") END, 'NaN'), 'Infinity'), '-Infinity') AS "m",
  GREATEST(CAST("v" AS double precision), "w") AS "n",
  LEAST("s" COLLATE "C", "k" COLLATE "C") AS "o"
FROM "g";

-- from g | derive a = date(s), b = try_date(s), c = date(t), e = timestamp(s)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CASE WHEN btrim("s") ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN CAST(CAST(btrim("s") AS timestamptz) AS date) ELSE CAST('cannot convert to date: ' || "s" AS date) END AS "a",
  CASE WHEN CASE WHEN btrim("s") ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' AND CAST(substr(btrim("s"), 6, 2) AS integer) BETWEEN 1 AND 12 THEN CAST(substr(btrim("s"), 9, 2) AS integer) BETWEEN 1 AND EXTRACT(DAY FROM CAST(substr(btrim("s"), 1, 7) || '-01' AS date) + INTERVAL '1 month' - INTERVAL '1 day') END THEN CAST(CAST(btrim("s") AS timestamptz) AS date) ELSE NULL END AS "b",
  CAST("t" AS date) AS "c",
  CASE WHEN btrim("s") ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN CAST(CAST(btrim("s") AS timestamptz) AS timestamp) ELSE CAST('cannot convert to timestamp: ' || "s" AS timestamp) END AS "e"
FROM "g";

