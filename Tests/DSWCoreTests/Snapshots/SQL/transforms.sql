-- from g
SELECT *
FROM "g";

-- from g | filter v > 1 and s != "x"
SELECT *
FROM "g"
WHERE "v" > 1 AND "s" <> 'x';

-- from g | select k, v2 = v * 2 | rename key = k
WITH "step1" AS (
  SELECT "k", "v" * 2 AS "v2"
  FROM "g"
)
SELECT "k" AS "key", "v2"
FROM "step1";

-- from g | drop w, s
SELECT "k", "v", "f", "d", "t"
FROM "g";

-- from g | derive a = v + 1, b = a * 2, v = v - 1
WITH "step1" AS (
  SELECT "k", "v", "w", "s", "f", "d", "t", "v" + 1 AS "a"
  FROM "g"
)
SELECT "k", "v" - 1 AS "v", "w", "s", "f", "d", "t", "a", "a" * 2 AS "b"
FROM "step1";

-- from g | sort -v, k | take 5
SELECT "k", "v", "w", "s", "f", "d", "t"
FROM "g"
ORDER BY "v" DESC NULLS LAST, "k" COLLATE "C" ASC NULLS LAST
LIMIT 5;

-- from g | sort k | derive n = v + 1
WITH "step1" AS (
  SELECT
    "k",
    "v",
    "w",
    "s",
    "f",
    "d",
    "t",
    row_number() OVER (ORDER BY "k" COLLATE "C" ASC NULLS LAST) AS "__dsw_order"
  FROM "g"
),
"step2" AS (
  SELECT "k", "v", "w", "s", "f", "d", "t", "v" + 1 AS "n", "__dsw_order"
  FROM "step1"
)
SELECT "k", "v", "w", "s", "f", "d", "t", "n"
FROM "step2"
ORDER BY "__dsw_order";

-- from g | take 3
SELECT *
FROM "g"
LIMIT 3;

-- from g | distinct
SELECT DISTINCT *
FROM "g";

-- from g | distinct k
WITH "step1" AS (
  SELECT *, row_number() OVER (PARTITION BY "k") AS "__dsw_rank"
  FROM "g"
)
SELECT "k", "v", "w", "s", "f", "d", "t"
FROM "step1"
WHERE "__dsw_rank" = 1;

-- from g | join left h on k
SELECT l."k", l."v", l."w", l."s", l."f", l."d", l."t", r."label", r."v" AS "v_right"
FROM "g" AS l
  LEFT JOIN "h" AS r ON l."k" = r."k";

-- from g | join semi h on k
SELECT l.*
FROM "g" AS l
WHERE EXISTS (SELECT 1 FROM "h" AS r WHERE l."k" = r."k");

-- from g | join anti h on v == v
SELECT l.*
FROM "g" AS l
WHERE NOT EXISTS (SELECT 1 FROM "h" AS r WHERE CAST(l."v" AS double precision) = r."v");

-- from g | append h
SELECT *
FROM (
    SELECT "k", CAST("v" AS double precision) AS "v", "w", "s", "f", "d", "t", CAST(NULL AS text) AS "label" FROM "g"
    UNION ALL
    SELECT "k", "v", CAST(NULL AS double precision) AS "w", CAST(NULL AS text) AS "s", CAST(NULL AS boolean) AS "f", CAST(NULL AS date) AS "d", CAST(NULL AS timestamp) AS "t", "label" FROM "h"
  ) AS "appended";

-- from g | filter v > 0 | join step1 on k | aggregate n = count() by one = 1 | sort 1
WITH "step1_1" AS (
  SELECT *
  FROM "g"
  WHERE "v" > 0
),
"step2" AS (
  SELECT l."k", l."v", l."w", l."s", l."f", l."d", l."t", r."z"
  FROM "step1_1" AS l
  JOIN "step1" AS r ON l."k" = r."k"
),
"step3" AS (
  SELECT 1 AS "one", count(*) AS "n"
  FROM "step2"
  GROUP BY CAST(1 AS bigint)
)
SELECT "one", "n"
FROM "step3"
ORDER BY CAST(1 AS bigint) ASC NULLS LAST;

-- from events | filter eventType == "commerce.purchases" | aggregate revenue = sum(`commerce.order.priceTotal`), pages = count_distinct(`web.webPageDetails.name`) by userId | sort -revenue
WITH "step1" AS (
  SELECT *
  FROM "events"
  WHERE "eventType" = 'commerce.purchases'
),
"step2" AS (
  SELECT
    "userId",
    sum("commerce.order.priceTotal") AS "revenue",
    count(DISTINCT "web.webPageDetails.name") AS "pages"
  FROM "step1"
  GROUP BY "userId"
)
SELECT "userId", "revenue", "pages"
FROM "step2"
ORDER BY "revenue" DESC NULLS LAST;

