-- The shared filter and counting of the referral queries, created once the `referrals` table exists (on the
-- main database and on the connection of an uploaded file). Not a query the app calls by name.
--
-- A row matches when it matches every filter; an empty list means "all". Ideology and sector
-- filter on their stable groups. `outcomes` lists row outcomes (the outcome filter's options
-- expanded by prevent_explorer/outcomes.py: 'Discussed at a Channel panel' covers both discussed
-- outcomes).
-- The rows are counted once per combination of values (`referral_cells`, one row per distinct
-- combination with its number of referrals `n`): every query sums `n` instead of counting rows,
-- so a filter change reads thousands of cells rather than millions of referrals.
CREATE OR REPLACE TABLE referral_cells AS
SELECT year, ideology, sector, age_group, gender, region, outcome, ideology_group, sector_group, count(*) AS n
FROM referrals
GROUP BY ALL;

CREATE OR REPLACE MACRO matching_referrals(year_from, year_to, ideologies, outcomes, agencies, age_groups, genders, regions) AS TABLE
SELECT *
FROM referral_cells
WHERE year BETWEEN year_from AND year_to
  AND (len(ideologies) = 0 OR list_contains(ideologies, ideology_group))
  AND (len(agencies) = 0 OR list_contains(agencies, sector_group))
  AND (len(age_groups) = 0 OR list_contains(age_groups, age_group))
  AND (len(genders) = 0 OR list_contains(genders, gender))
  AND (len(regions) = 0 OR list_contains(regions, region))
  AND (len(outcomes) = 0 OR list_contains(outcomes, outcome));

-- The matching referrals counted by year and one dimension (`by_dim`: 'ideology' or 'sector' for
-- their stable groups, 'age_group', 'gender', 'region' or 'outcome'), each value with its sort
-- order from `categories` (outcome stages in funnel order). The trend and breakdown
-- queries read it.
CREATE OR REPLACE MACRO referral_counts_by(by_dim, year_from, year_to, ideologies, outcomes, agencies, age_groups, genders, regions) AS TABLE
WITH counts AS (
    SELECT year,
           CASE by_dim
               WHEN 'ideology' THEN ideology_group
               WHEN 'sector' THEN sector_group
               WHEN 'age_group' THEN age_group
               WHEN 'gender' THEN gender
               WHEN 'region' THEN region
               WHEN 'outcome' THEN outcome
           END AS category,
           sum(n)::BIGINT AS referrals
    FROM matching_referrals(year_from, year_to, ideologies, outcomes, agencies, age_groups, genders, regions)
    GROUP BY ALL
),
styles AS (
    SELECT "group" AS category, min(sort_order) AS sort_order
    FROM categories
    WHERE dimension = by_dim AND role = 'part'
    GROUP BY "group"
)
SELECT
    c.year,
    c.category,
    c.referrals,
    coalesce(CASE c.category
                 WHEN 'No further action' THEN 1 WHEN 'Passed to other services' THEN 2
                 WHEN 'Discussed at Channel, not adopted' THEN 3 WHEN 'Adopted as Channel case' THEN 4
                 WHEN 'Still open' THEN 5 WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END,
             s.sort_order, 50) AS sort_order
FROM counts AS c
LEFT JOIN styles AS s ON s.category = c.category
WHERE c.category IS NOT NULL;
