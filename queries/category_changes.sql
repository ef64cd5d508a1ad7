-- name: category_changes
-- Changes of category scheme, wording or recording system that fall within a range of years.
-- :param dimensions: list of dimensions ('ideology', 'age_group', 'measure', 'all', 'status', ...); empty means all
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
SELECT c.dimension, c.first_year, c.change, c.detail, c.source_id, s.title AS source_title, s.url AS source_url
FROM category_changes AS c
JOIN sources AS s ON s.source_id = c.source_id
WHERE (len($dimensions::VARCHAR[]) = 0 OR list_contains($dimensions::VARCHAR[], c.dimension))
  AND c.first_year BETWEEN $year_from AND $year_to
ORDER BY c.first_year, c.dimension
