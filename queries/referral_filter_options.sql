-- name: referral_filter_options
-- The values present in the referral-level table, per dimension, for the filters: years, ideology
-- and sector groups, age groups, genders, regions (including 'Not published' / 'Not known'), and
-- the outcome stages that occur. `referrals` is how many rows carry the value.
WITH present AS (
    SELECT 'year' AS dimension, year AS value, sum(n)::BIGINT AS referrals FROM referral_cells GROUP BY year
    UNION ALL SELECT 'ideology', ideology_group, sum(n)::BIGINT FROM referral_cells GROUP BY ideology_group
    UNION ALL SELECT 'sector', sector_group, sum(n)::BIGINT FROM referral_cells GROUP BY sector_group
    UNION ALL SELECT 'age_group', age_group, sum(n)::BIGINT FROM referral_cells GROUP BY age_group
    UNION ALL SELECT 'gender', gender, sum(n)::BIGINT FROM referral_cells GROUP BY gender
    UNION ALL SELECT 'region', region, sum(n)::BIGINT FROM referral_cells GROUP BY region
    UNION ALL
    SELECT 'outcome', stage, sum(n)::BIGINT
    FROM referral_cells,
         (VALUES ('No further action'), ('Passed to other services'), ('Discussed at Channel'),
                 ('Adopted as Channel case')) AS s(stage)
    WHERE outcome = stage
       OR (stage = 'Discussed at Channel' AND outcome IN ('Discussed at Channel, not adopted', 'Adopted as Channel case'))
    GROUP BY stage
),
styles AS (
    SELECT dimension, "group" AS value, min(sort_order) AS sort_order
    FROM categories
    WHERE role = 'part'
    GROUP BY dimension, "group"
)
SELECT
    p.dimension,
    p.value,
    p.referrals,
    coalesce(CASE p.dimension WHEN 'year' THEN 0 END,
             CASE p.value
                 WHEN 'No further action' THEN 1 WHEN 'Passed to other services' THEN 2
                 WHEN 'Discussed at Channel' THEN 3 WHEN 'Adopted as Channel case' THEN 4
                 WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END,
             s.sort_order, 50) AS sort_order
FROM present AS p
LEFT JOIN styles AS s ON s.dimension = p.dimension AND s.value = p.value
ORDER BY
    CASE p.dimension WHEN 'year' THEN 0 WHEN 'ideology' THEN 1 WHEN 'sector' THEN 2 WHEN 'age_group' THEN 3
                     WHEN 'gender' THEN 4 WHEN 'region' THEN 5 ELSE 6 END,
    sort_order, p.value
