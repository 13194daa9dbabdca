-- from g | filter v > 1 | sample 10 (seed: 7) | derive x = 1
SELECT *
FROM "g"
WHERE "v" > 1;
-- not in the SQL, run by dsw on its result:
--   | sample 10 (seed: 7) (`sample` picks rows with dsw's own seeded generator; an engine's TABLESAMPLE picks other rows)
--   | derive x = 1

-- from g | pivot k (n = count()) by s
SELECT *
FROM "g";
-- not in the SQL, run by dsw on its result:
--   | pivot k (n = count()) by s (`pivot` makes one column per value in the data, and a SQL statement's columns are fixed before it runs)

-- from g | derive r = w % 2
SELECT *
FROM "g";
-- not in the SQL, run by dsw on its result:
--   | derive r = w % 2 (PostgreSQL has no remainder of doubles that matches dsw's `%` exactly)

-- from g | derive a = date(s, "%d/%m/%Y")
SELECT *
FROM "g";
-- not in the SQL, run by dsw on its result:
--   | derive a = date(s, "%d/%m/%Y") (`date` with a format: PostgreSQL's `to_date` accepts text that dsw's format refuses)

-- from g | derive a = regexp_extract(s, "a|ab")
SELECT *
FROM "g";
-- not in the SQL, run by dsw on its result:
--   | derive a = regexp_extract(s, "a|ab") (the pattern "a|ab" has `|` or a lazy quantifier: PostgreSQL picks the longest match where dsw picks the first)

-- from g | derive a = regexp_matches(s, "(?<x>a)")
SELECT *
FROM "g";
-- not in the SQL, run by dsw on its result:
--   | derive a = regexp_matches(s, "(?<x>a)") (the pattern "(?<x>a)" uses `(?`, which PostgreSQL reads differently)

-- from g | filter v > 0 | describe
SELECT *
FROM "g"
WHERE "v" > 0;
-- not in the SQL, run by dsw on its result:
--   | describe (`describe` profiles the rows in dsw)

