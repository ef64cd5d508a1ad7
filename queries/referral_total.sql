-- name: referral_total
-- The number of referral-level rows matching every filter (synthetic demo or your own file).
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of outcome stages ('No further action', 'Passed to other services', 'Discussed at Channel', 'Adopted as Channel case'); a row matches any; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
SELECT count(*) AS referrals
FROM referrals
WHERE year BETWEEN $year_from AND $year_to
  AND (len($ideologies::VARCHAR[]) = 0 OR list_contains($ideologies::VARCHAR[], ideology_group))
  AND (len($agencies::VARCHAR[]) = 0 OR list_contains($agencies::VARCHAR[], sector_group))
  AND (len($age_groups::VARCHAR[]) = 0 OR list_contains($age_groups::VARCHAR[], age_group))
  AND (len($genders::VARCHAR[]) = 0 OR list_contains($genders::VARCHAR[], gender))
  AND (len($regions::VARCHAR[]) = 0 OR list_contains($regions::VARCHAR[], region))
  AND (len($outcomes::VARCHAR[]) = 0
       OR list_contains($outcomes::VARCHAR[], outcome)
       OR (list_contains($outcomes::VARCHAR[], 'Discussed at Channel')
           AND outcome IN ('Discussed at Channel, not adopted', 'Adopted as Channel case')))
