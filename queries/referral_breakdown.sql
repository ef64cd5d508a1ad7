-- name: referral_breakdown
-- Referral-level rows matching every filter, counted by one chosen dimension (stable groups for
-- ideology and sector), with each value's share of the matching rows, sort order and colour.
-- :param by: the dimension: 'ideology', 'sector', 'age_group', 'gender', 'region' or 'outcome'
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of outcome stages ('No further action', 'Passed to other services', 'Discussed at Channel', 'Adopted as Channel case'); a row matches any; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
WITH matching AS (
    SELECT CASE $by
               WHEN 'ideology' THEN ideology_group
               WHEN 'sector' THEN sector_group
               WHEN 'age_group' THEN age_group
               WHEN 'gender' THEN gender
               WHEN 'region' THEN region
               WHEN 'outcome' THEN outcome
           END AS category,
           n
    FROM matching_referrals($year_from, $year_to, $ideologies::VARCHAR[], $outcomes::VARCHAR[], $agencies::VARCHAR[],
                            $age_groups::VARCHAR[], $genders::VARCHAR[], $regions::VARCHAR[])
),
counts AS (
    SELECT category, sum(n)::BIGINT AS referrals FROM matching WHERE category IS NOT NULL GROUP BY category
),
styles AS (
    SELECT "group" AS category, min(sort_order) AS sort_order, min(colour) AS colour
    FROM categories
    WHERE dimension = $by AND role = 'part'
    GROUP BY "group"
)
SELECT
    c.category,
    c.referrals,
    100.0 * c.referrals / sum(c.referrals) OVER () AS percent,
    coalesce(CASE c.category
                 WHEN 'No further action' THEN 1 WHEN 'Passed to other services' THEN 2
                 WHEN 'Discussed at Channel, not adopted' THEN 3 WHEN 'Adopted as Channel case' THEN 4
                 WHEN 'Still open' THEN 5 WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END,
             s.sort_order, 50) AS sort_order,
    coalesce(s.colour, CASE c.category
                 WHEN 'Discussed at Channel, not adopted' THEN '#E69F00' WHEN 'Adopted as Channel case' THEN '#009E73'
                 WHEN 'Not published' THEN '#DDDDDD' ELSE '#BBBBBB' END) AS colour
FROM counts AS c
LEFT JOIN styles AS s ON s.category = c.category
ORDER BY sort_order, c.category
