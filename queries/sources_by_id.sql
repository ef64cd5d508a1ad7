-- name: sources_by_id
-- The sources with the given ids (for the source list under a chart or table).
-- :param source_ids: list of source ids
SELECT source_id, title, publisher, published, url, kind, note
FROM sources
WHERE list_contains($source_ids::VARCHAR[], source_id)
ORDER BY CASE kind WHEN 'official' THEN 0 WHEN 'parliamentary' THEN 1 ELSE 2 END, published NULLS LAST, source_id
