-- name: findings
-- Findings of the chosen reports (the HMICFRS 2020 inspection), in the project's own words.
-- :param reports: list of report source ids; empty means all
SELECT f.finding_id, f.source_id, rep.short_name AS report, f.topic, f.finding, f.reported_by_source_ids
FROM findings AS f
LEFT JOIN reports AS rep ON rep.source_id = f.source_id
WHERE len($reports::VARCHAR[]) = 0 OR list_contains($reports::VARCHAR[], f.source_id)
ORDER BY f.finding_id
