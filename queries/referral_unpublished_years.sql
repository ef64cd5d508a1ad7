-- name: referral_unpublished_years
-- The years of the range in which a chosen filter cannot be told apart in the rows because that
-- year's breakdown was not published: the synthetic demo's rows carry 'Not published' in that
-- column (your own file cannot). A chart says "not published" for such a year when nothing matches,
-- rather than "no matching referrals". No filter chosen: no years.
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param outcomes: list of outcome stages; empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
SELECT DISTINCT year
FROM referral_cells
WHERE year BETWEEN $year_from AND $year_to
  AND ((len($ideologies::VARCHAR[]) > 0 AND ideology_group = 'Not published')
       OR (len($outcomes::VARCHAR[]) > 0 AND outcome = 'Not published')
       OR (len($agencies::VARCHAR[]) > 0 AND sector_group = 'Not published')
       OR (len($age_groups::VARCHAR[]) > 0 AND age_group = 'Not published')
       OR (len($genders::VARCHAR[]) > 0 AND gender = 'Not published')
       OR (len($regions::VARCHAR[]) > 0 AND region = 'Not published'))
ORDER BY year
