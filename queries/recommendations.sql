-- name: recommendations
-- Recommendations filtered by report, agency addressed, theme and status, with the report
-- and status sources. A recommendation naming several agencies matches any of them; with `sectors`, it
-- matches when one of its agencies acts for one of those referring sectors.
-- :param reports: list of report source ids; empty means all
-- :param agencies: list of agencies; empty means all
-- :param sectors: list of referring sectors: only recommendations addressed to a body acting for one of them (agency_sectors.csv); empty means all
-- :param themes: list of themes; empty means all
-- :param statuses: list of statuses; empty means all
SELECT
    r.rec_id, r.source_id, rep.short_name AS report, r.rec_no, r.addressee, r.agency, r.theme,
    r.summary, r.deadline, r.status, r.status_date, r.status_detail, r.confirmed,
    r.found_in_source_ids, r.note,
    s.title AS report_title, s.url AS report_url, s.published AS report_published,
    r.status_source_id, ss.title AS status_source_title, ss.url AS status_source_url
FROM recommendations AS r
JOIN sources AS s ON s.source_id = r.source_id
LEFT JOIN reports AS rep ON rep.source_id = r.source_id
LEFT JOIN sources AS ss ON ss.source_id = r.status_source_id
WHERE (len($reports::VARCHAR[]) = 0 OR list_contains($reports::VARCHAR[], r.source_id))
  AND (len($agencies::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM recommendation_agencies AS a
        WHERE a.rec_id = r.rec_id AND list_contains($agencies::VARCHAR[], a.agency_item)))
  AND (len($sectors::VARCHAR[]) = 0 OR EXISTS (
        SELECT 1 FROM recommendation_agencies AS a JOIN agency_sectors AS m ON m.agency = a.agency_item
        WHERE a.rec_id = r.rec_id AND list_contains($sectors::VARCHAR[], m.sector)))
  AND (len($themes::VARCHAR[]) = 0 OR list_contains($themes::VARCHAR[], r.theme))
  AND (len($statuses::VARCHAR[]) = 0 OR list_contains($statuses::VARCHAR[], r.status))
ORDER BY s.published, r.rec_id
