-- from g | derive a = v / 2, b = v // 3, c = v % 3, e = w // 2, q = w / v
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CAST("v" AS double precision) / 2 AS "a",
  CASE WHEN "v" % 3 < 0 THEN "v" / 3 - 1 ELSE "v" / 3 END AS "b",
  CASE WHEN "v" % 3 < 0 THEN "v" % 3 + 3 ELSE "v" % 3 END AS "c",
  CAST(floor("w" / 2) AS bigint) AS "e",
  "w" / NULLIF(CAST("v" AS double precision), 0) AS "q"
FROM "g";

-- from g | filter w > 1.5 or w < 0.5 or w == 2.0 or w != v
SELECT *
FROM "g"
WHERE ("w" > 1.5 AND "w" <> 'NaN') OR "w" < 0.5 OR "w" = 2.0 OR CASE WHEN "w" IS NULL OR CAST("v" AS double precision) IS NULL THEN NULL WHEN "w" = 'NaN' OR CAST("v" AS double precision) = 'NaN' THEN TRUE ELSE "w" <> CAST("v" AS double precision) END;

-- from g | filter s < "b" and k in ["a", "b"] and v not in [1, 2] and w is not null
SELECT *
FROM "g"
WHERE "s" < 'b' COLLATE "C" AND "k" IN ('a', 'b') AND "v" NOT IN (1, 2) AND "w" IS NOT NULL;

-- from g | derive c = case when v > 2 then "big" when v > 1 then "mid" else "small" end, i = if(f, 1, 0), z = coalesce(w, 0.0)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CASE WHEN "v" > 2 THEN 'big' WHEN "v" > 1 THEN 'mid' ELSE 'small' END AS "c",
  CASE WHEN "f" THEN 1 ELSE 0 END AS "i",
  COALESCE("w", CAST(0.0 AS double precision)) AS "z"
FROM "g";

-- from g | derive n = -v, no = not f, j = s || "-" || v, x = 1 + 2
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  -"v" AS "n",
  NOT "f" AS "no",
  ("s" || '-') || CAST("v" AS text) AS "j",
  CAST(1 AS bigint) + CAST(2 AS bigint) AS "x"
FROM "g";

-- from g | derive a = cast(v, "double"), b = cast(w, "int"), c = cast(s, "int"), d = cast(w, "string"), e = cast(f, "int"), g2 = cast(d, "timestamp"), h2 = cast(t, "date"), i = cast(t, "string"), j = try_cast(s, "double"), k2 = cast(v, "bool"), l = cast(s, "bool")
WITH "step1" AS (
  SELECT
    "k",
    "v",
    "w",
    "s",
    "f",
    regexp_replace(CAST("w" AS text), '^(-?[0-9]+)$', '\1.0') AS "d",
    "t",
    CAST("v" AS double precision) AS "a",
    CAST(trunc("w") + trunc(2 * ("w" - trunc("w"))) AS bigint) AS "b",
    CASE WHEN btrim("s") ~ '^[+-]?[0-9]+$' THEN CAST(btrim("s") AS bigint) ELSE CAST('cannot convert to int: ' || "s" AS bigint) END AS "c",
    CAST(CAST("f" AS integer) AS bigint) AS "e"
  FROM "g"
)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  "a",
  "b",
  "c",
  "e",
  CASE WHEN btrim("d") ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$' THEN CAST(CAST(btrim("d") AS timestamptz) AS timestamp) ELSE CAST('cannot convert to timestamp: ' || "d" AS timestamp) END AS "g2",
  CAST("t" AS date) AS "h2",
  to_char("t", 'YYYY-MM-DD"T"HH24:MI:SS') || rtrim(rtrim(to_char("t", '.US'), '0'), '.') || 'Z' AS "i",
  CASE WHEN btrim("s") ~* '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$|^[+-]?(nan|inf|infinity)$' THEN CAST(btrim("s") AS double precision) ELSE NULL END AS "j",
  "v" <> 0 AS "k2",
  CASE WHEN lower(btrim("s")) IN ('true', 't', 'yes', '1') THEN TRUE WHEN lower(btrim("s")) IN ('false', 'f', 'no', '0') THEN FALSE ELSE CAST('cannot convert to bool: ' || "s" AS boolean) END AS "l"
FROM "step1";

-- from g | filter d >= "2024-01-15" and t < timestamp("2024-02-01T00:00:00+02:00")
SELECT *
FROM "g"
WHERE "d" >= DATE '2024-01-15' AND "t" < TIMESTAMP '2024-01-31T22:00:00Z';

