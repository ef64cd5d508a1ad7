-- name: coverage_grid
-- Which breakdowns are published for which year: for every year, measure and dimension, how
-- many preferred figures exist (simple categories and cross-tabs), and how many have a count.
-- :param measures: list of measures to include; empty means all
WITH cells AS (
    SELECT DISTINCT measure, dimension FROM figures
    WHERE len($measures::VARCHAR[]) = 0 OR list_contains($measures::VARCHAR[], measure)
)
SELECT
    y.year,
    c.measure,
    c.dimension,
    count(f.figure_id) FILTER (WHERE f.cross_dimension IS NULL) AS figures,
    count(f.count) FILTER (WHERE f.cross_dimension IS NULL) AS with_count,
    count(f.figure_id) FILTER (WHERE f.cross_dimension IS NOT NULL) AS cross_tabs,
    string_agg(f.category, '; ' ORDER BY f.sort_order, f.category) FILTER (WHERE f.cross_dimension IS NULL) AS categories
FROM years AS y
CROSS JOIN cells AS c
LEFT JOIN figure_values AS f
    ON f.year = y.year AND f.measure = c.measure AND f.dimension = c.dimension
GROUP BY y.year, c.measure, c.dimension
ORDER BY c.measure, c.dimension, y.year
