-- name: published_cells
-- Every preferred published figure of the chosen measures in a range of years, with the stable
-- group of its category and of its cross-tabulated category: what the resolver
-- (prevent_explorer/resolver.py) matches a filter combination against.
-- :param measures: list of measures, e.g. ['referrals', 'adopted_as_channel_case']
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
SELECT
    f.year,
    f.measure,
    f.dimension,
    f.category,
    f.category_group,
    f.role,
    f.cross_dimension,
    coalesce(c."group", f.cross_category) AS cross_group,
    f.count,
    f.percent,
    f.percent_of,
    f.source_id,
    f.percent_source_id
FROM figure_values AS f
LEFT JOIN categories AS c
    ON c.dimension = f.cross_dimension AND c.category = f.cross_category
WHERE list_contains($measures::VARCHAR[], f.measure)
  AND f.year BETWEEN $year_from AND $year_to
ORDER BY f.year, f.measure, f.dimension, f.sort_order, f.category
