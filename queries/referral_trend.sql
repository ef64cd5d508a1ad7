-- name: referral_trend
-- Referral-level rows matching every filter, counted by year and one chosen dimension (stable
-- groups for ideology and sector), with each value's share of the year's matching rows.
-- :param by: the dimension: 'ideology', 'sector', 'age_group', 'gender', 'region' or 'outcome'
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of row outcomes ('No further action', 'Passed to other services', 'Discussed at Channel, not adopted', 'Adopted as Channel case', ...); a row matches any; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
SELECT
    year,
    category,
    referrals,
    sum(referrals) OVER (PARTITION BY year) AS year_total,
    100.0 * referrals / sum(referrals) OVER (PARTITION BY year) AS percent,
    sort_order
FROM referral_counts_by($by, $year_from, $year_to, $ideologies::VARCHAR[], $outcomes::VARCHAR[], $agencies::VARCHAR[],
                        $age_groups::VARCHAR[], $genders::VARCHAR[], $regions::VARCHAR[])
ORDER BY year, sort_order, category
