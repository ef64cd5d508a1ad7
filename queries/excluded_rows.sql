-- name: excluded_rows
-- Rows of the reference table that were not stored as figures, with the reason.
-- :param limit: the most rows to return
SELECT reference_line, reason FROM excluded ORDER BY reference_line LIMIT $limit
