-- name: referral_total
-- The number of referral-level rows matching every filter (synthetic demo or your own file).
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of row outcomes ('No further action', 'Passed to other services', 'Discussed at Channel, not adopted', 'Adopted as Channel case', ...); a row matches any; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
SELECT coalesce(sum(n), 0)::BIGINT AS referrals
FROM matching_referrals($year_from, $year_to, $ideologies::VARCHAR[], $outcomes::VARCHAR[], $agencies::VARCHAR[],
                        $age_groups::VARCHAR[], $genders::VARCHAR[], $regions::VARCHAR[])
