-- from g | aggregate n = count(), nv = count(v), nd = count_distinct(s), ci = count_if(v > 1) by k
SELECT
  "k",
  count(*) AS "n",
  count("v") AS "nv",
  count(DISTINCT "s") AS "nd",
  count(*) FILTER (WHERE "v" > 1) AS "ci"
FROM "g"
GROUP BY "k";

-- from g | aggregate sv = sum(v), sw = sum(w), sf = sum(f), m = mean(v), a = avg(w), sd = stddev(v), var = variance(w), c = corr(v, w)
SELECT
  CAST(sum("v") AS bigint) AS "sv",
  sum("w") AS "sw",
  CAST(sum(CAST("f" AS integer)) AS bigint) AS "sf",
  avg(CAST("v" AS double precision)) AS "m",
  avg("w") AS "a",
  stddev_samp(CAST("v" AS double precision)) AS "sd",
  var_samp("w") AS "var",
  covar_samp(CAST("v" AS double precision), "w") / NULLIF(stddev_samp(CAST("v" AS double precision)) FILTER (WHERE CAST("v" AS double precision) IS NOT NULL AND "w" IS NOT NULL) * stddev_samp("w") FILTER (WHERE CAST("v" AS double precision) IS NOT NULL AND "w" IS NOT NULL), 0) AS "c"
FROM "g";

-- from g | aggregate lo = min(s), hi = max(s), lf = min(f), hf = max(f), ld = min(d), med = median(v), q = quantile(w, 0.9)
SELECT
  min("s" COLLATE "C") AS "lo",
  max("s" COLLATE "C") AS "hi",
  bool_and("f") AS "lf",
  bool_or("f") AS "hf",
  min("d") AS "ld",
  percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("v" AS double precision)) AS "med",
  percentile_cont(0.9) WITHIN GROUP (ORDER BY "w") AS "q"
FROM "g";

-- from g | aggregate fv = first(v), lv = last(s) by k
SELECT
  "k",
  (array_agg("v") FILTER (WHERE "v" IS NOT NULL))[1] AS "fv",
  (array_agg("s") FILTER (WHERE "s" IS NOT NULL))[1] AS "lv"
FROM "g"
GROUP BY "k";

-- from g | sort v | aggregate fv = first(v), lv = last(s) by k
WITH "step1" AS (
  SELECT
    "k",
    "v",
    "w",
    "s",
    "f",
    "d",
    "t",
    row_number() OVER (ORDER BY "v" ASC NULLS LAST) AS "__dsw_order"
  FROM "g"
),
"step2" AS (
  SELECT
    "k",
    (array_agg("v" ORDER BY "__dsw_order") FILTER (WHERE "v" IS NOT NULL))[1] AS "fv",
    (array_agg("s" ORDER BY "__dsw_order" DESC) FILTER (WHERE "s" IS NOT NULL))[1] AS "lv",
    min("__dsw_order") AS "__dsw_order"
  FROM "step1"
  GROUP BY "k"
)
SELECT "k", "fv", "lv"
FROM "step2"
ORDER BY "__dsw_order";

-- from g | aggregate spread = max(v) - min(w), label = concat(k, ":", count()) by k, big = v >= 4
SELECT
  "k",
  "v" >= 4 AS "big",
  max("v") - min("w") AS "spread",
  concat("k", ':', CAST(count(*) AS text)) AS "label"
FROM "g"
GROUP BY "k", "v" >= 4;

