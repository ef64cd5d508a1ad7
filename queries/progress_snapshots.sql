-- name: progress_snapshots
-- Dated statements of how many of a report's recommendations (or tasks) were accepted or
-- delivered, with their sources. Undated statements come last.
-- :param reports: list of report source ids; empty means all
SELECT
    p.source_id, rep.short_name AS report, p.as_of, p.stage, p.unit, p.done, p.total,
    p.statement, p.note, p.statement_source_id, s.title AS statement_source_title, s.url AS statement_source_url, s.kind
FROM progress AS p
LEFT JOIN reports AS rep ON rep.source_id = p.source_id
JOIN sources AS s ON s.source_id = p.statement_source_id
WHERE len($reports::VARCHAR[]) = 0 OR list_contains($reports::VARCHAR[], p.source_id)
ORDER BY p.source_id, p.as_of NULLS LAST, p.unit, p.stage
