-- name: years
-- The reporting years of the series, in order.
SELECT year, year_index FROM years ORDER BY year
