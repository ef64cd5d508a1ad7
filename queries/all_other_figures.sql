-- name: all_other_figures
-- Every row of other_figures.csv (preferred values and alternatives) with its source, for download.
-- :param preferred_only: true for the preferred value of each figure only
SELECT o.*, s.title AS source_title, s.publisher AS source_publisher, s.url AS source_url, s.kind AS source_kind
FROM other_figures AS o
JOIN sources AS s ON s.source_id = o.source_id
WHERE o.is_preferred OR NOT $preferred_only
ORDER BY o.other_id
