-- from g | window by k order -v derive r = row_number(), rk = rank(), dr = dense_rank(), nt = ntile(3)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  row_number() OVER (PARTITION BY "k" ORDER BY "v" DESC NULLS LAST) AS "r",
  rank() OVER (PARTITION BY "k" ORDER BY "v" DESC NULLS LAST) AS "rk",
  dense_rank() OVER (PARTITION BY "k" ORDER BY "v" DESC NULLS LAST) AS "dr",
  ntile(3) OVER (PARTITION BY "k" ORDER BY "v" DESC NULLS LAST) AS "nt"
FROM "g";

-- from g | window order t derive prev = lag(v), next = lead(s, 2), rs = running_sum(v), rc = running_count(), rm = running_mean(w)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  lag("v", 1) OVER (ORDER BY "t" ASC NULLS LAST) AS "prev",
  lead("s", 2) OVER (ORDER BY "t" ASC NULLS LAST) AS "next",
  CAST(sum("v") OVER (ORDER BY "t" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS bigint) AS "rs",
  count(*) OVER (ORDER BY "t" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "rc",
  avg("w") OVER (ORDER BY "t" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "rm"
FROM "g";

-- from g | window by k derive total = sum(v), share = v / sum(v), n = count()
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  CAST(sum("v") OVER (PARTITION BY "k") AS bigint) AS "total",
  CAST("v" AS double precision) / NULLIF(CAST(CAST(sum("v") OVER (PARTITION BY "k") AS bigint) AS double precision), 0) AS "share",
  count(*) OVER (PARTITION BY "k") AS "n"
FROM "g";

-- from g | window by k derive m = median(v), q = quantile(w, 0.9), n = count_distinct(s), fv = first(v), lv = last(s), c = count()
WITH "step1" AS (
  SELECT
    "k" AS "__dsw_p0",
    percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("v" AS double precision)) AS "__dsw_w0",
    percentile_cont(0.9) WITHIN GROUP (ORDER BY "w") AS "__dsw_w1",
    count(DISTINCT "s") AS "__dsw_w2",
    (array_agg("v") FILTER (WHERE "v" IS NOT NULL))[1] AS "__dsw_w3",
    (array_agg("s") FILTER (WHERE "s" IS NOT NULL))[1] AS "__dsw_w4"
  FROM "g"
  GROUP BY "k"
)
SELECT
  "k",
  "v",
  "w",
  "s",
  "f",
  "d",
  "t",
  "__dsw_partition"."__dsw_w0" AS "m",
  "__dsw_partition"."__dsw_w1" AS "q",
  "__dsw_partition"."__dsw_w2" AS "n",
  "__dsw_partition"."__dsw_w3" AS "fv",
  "__dsw_partition"."__dsw_w4" AS "lv",
  count(*) OVER (PARTITION BY "k") AS "c"
FROM "g"
  LEFT JOIN "step1" AS "__dsw_partition" ON "k" IS NOT DISTINCT FROM "__dsw_partition"."__dsw_p0";

-- from g | window derive m = median(v)
WITH "step1" AS (
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("v" AS double precision)) AS "__dsw_w0"
  FROM "g"
)
SELECT "k", "v", "w", "s", "f", "d", "t", "__dsw_partition"."__dsw_w0" AS "m"
FROM "g"
  CROSS JOIN "step1" AS "__dsw_partition";

