-- name: recommendation_counts
-- How many recommendations each agency was addressed, by status, under the same filters as
-- the list. A recommendation naming two agencies counts once for each; with `sectors`, only the
-- agencies acting for those referring sectors are counted.
-- :param reports: list of report source ids; empty means all
-- :param agencies: list of agencies; empty means all
-- :param sectors: list of referring sectors: only recommendations addressed to a body acting for one of them (agency_sectors.csv); empty means all
-- :param themes: list of themes; empty means all
-- :param statuses: list of statuses; empty means all
SELECT a.agency_item AS agency, a.status, count(*) AS recommendations
FROM recommendation_agencies AS a
WHERE (len($reports::VARCHAR[]) = 0 OR list_contains($reports::VARCHAR[], a.source_id))
  AND (len($agencies::VARCHAR[]) = 0 OR list_contains($agencies::VARCHAR[], a.agency_item))
  AND (len($sectors::VARCHAR[]) = 0 OR a.agency_item IN (
        SELECT agency FROM agency_sectors WHERE list_contains($sectors::VARCHAR[], sector)))
  AND (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], a.theme))
  AND (len($statuses::VARCHAR[]) = 0 OR list_contains($statuses::VARCHAR[], a.status))
GROUP BY a.agency_item, a.status
ORDER BY a.agency_item, a.status
