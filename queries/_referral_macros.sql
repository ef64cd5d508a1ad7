-- The shared filter of every referral query, created once the `referrals` table exists (on the
-- main database and on the connection of an uploaded file). Not a query the app calls by name.
--
-- A row matches when it matches every filter; an empty list means "all". Ideology and sector
-- filter on their stable groups. The outcome stage 'Discussed at Channel' includes the referrals
-- later adopted as a Channel case.
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
  AND (len(outcomes) = 0
       OR list_contains(outcomes, outcome)
       OR (list_contains(outcomes, 'Discussed at Channel')
           AND outcome IN ('Discussed at Channel, not adopted', 'Adopted as Channel case')));
