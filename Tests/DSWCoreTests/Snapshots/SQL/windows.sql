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

