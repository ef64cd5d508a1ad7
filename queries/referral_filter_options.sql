-- name: referral_filter_options
-- The values present in the referral-level table, per dimension, for the filters: years, ideology
-- and sector groups, age groups, genders, regions (including 'Not published' / 'Not known').
-- `referrals` is how many rows carry the value. (The outcome options are the releases' outcomes,
-- prevent_explorer/outcomes.py, whatever the rows hold.)
WITH present AS (
    SELECT 'year' AS dimension, year AS value, sum(n)::BIGINT AS referrals FROM referral_cells GROUP BY year
    UNION ALL SELECT 'ideology', ideology_group, sum(n)::BIGINT FROM referral_cells GROUP BY ideology_group
    UNION ALL SELECT 'sector', sector_group, sum(n)::BIGINT FROM referral_cells GROUP BY sector_group
    UNION ALL SELECT 'age_group', age_group, sum(n)::BIGINT FROM referral_cells GROUP BY age_group
    UNION ALL SELECT 'gender', gender, sum(n)::BIGINT FROM referral_cells GROUP BY gender
    UNION ALL SELECT 'region', region, sum(n)::BIGINT FROM referral_cells GROUP BY region
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
             CASE p.value WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END,
             s.sort_order, 50) AS sort_order
FROM present AS p
LEFT JOIN styles AS s ON s.dimension = p.dimension AND s.value = p.value
ORDER BY
    CASE p.dimension WHEN 'year' THEN 0 WHEN 'ideology' THEN 1 WHEN 'sector' THEN 2 WHEN 'age_group' THEN 3
                     WHEN 'gender' THEN 4 ELSE 5 END,
    sort_order, p.value
