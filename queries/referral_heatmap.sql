-- name: referral_heatmap
-- Referral-level rows matching every filter, counted by type of concern (ideology group) and
-- referring sector (sector group), with each cell's share of the matching rows.
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of row outcomes ('No further action', 'Passed to other services', 'Discussed at Channel, not adopted', 'Adopted as Channel case', ...); a row matches any; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
WITH counts AS (
    SELECT ideology_group, sector_group, sum(n)::BIGINT AS referrals
    FROM matching_referrals($year_from, $year_to, $ideologies::VARCHAR[], $outcomes::VARCHAR[], $agencies::VARCHAR[],
                            $age_groups::VARCHAR[], $genders::VARCHAR[], $regions::VARCHAR[])
    GROUP BY ideology_group, sector_group
),
styles AS (
    SELECT dimension, "group", min(sort_order) AS sort_order
    FROM categories
    WHERE role = 'part' AND dimension IN ('ideology', 'sector')
    GROUP BY dimension, "group"
)
SELECT
    c.ideology_group,
    c.sector_group,
    c.referrals,
    100.0 * c.referrals / sum(c.referrals) OVER () AS percent,
    coalesce(i.sort_order, CASE c.ideology_group WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END, 50) AS ideology_sort,
    coalesce(s.sort_order, CASE c.sector_group WHEN 'Not published' THEN 98 WHEN 'Not known' THEN 99 END, 50) AS sector_sort
FROM counts AS c
LEFT JOIN styles AS i ON i.dimension = 'ideology' AND i."group" = c.ideology_group
LEFT JOIN styles AS s ON s.dimension = 'sector' AND s."group" = c.sector_group
ORDER BY ideology_sort, c.ideology_group, sector_sort, c.sector_group
