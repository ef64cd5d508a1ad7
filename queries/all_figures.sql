-- name: all_figures
-- Every row of figures.csv (preferred values and alternatives) with its source, for download.
-- :param preferred_only: true for the preferred value of each figure only
SELECT f.*, s.title AS source_title, s.publisher AS source_publisher, s.published AS source_published,
       s.url AS source_url, s.kind AS source_kind
FROM figures AS f
JOIN sources AS s ON s.source_id = f.source_id
WHERE f.is_preferred OR NOT $preferred_only
ORDER BY f.figure_id
