-- name: reports
-- Reports that made recommendations about Prevent: how many they made (where known) and how
-- many are in the project's table.
SELECT
    rep.source_id, rep.short_name, rep.recommendations_made, rep.made_source_id, rep.note,
    s.title, s.publisher, s.published, s.url,
    (SELECT count(*) FROM recommendations AS r WHERE r.source_id = rep.source_id) AS recommendations_in_table
FROM reports AS rep
JOIN sources AS s ON s.source_id = rep.source_id
ORDER BY s.published
