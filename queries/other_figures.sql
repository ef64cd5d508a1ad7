-- name: other_figures
-- Other published figures (quarters, changes, rates, mental health, ethnicity): the preferred
-- value of each, for the chosen topics and years.
-- :param topics: list of topics; empty means all
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
SELECT
    o.other_id, o.year, o.period, o.topic, o.measure, o.dimension, o.category, o.count, o.percent,
    o.percent_of, o.percent_change, o.rate_per_million, o.quality, o.label_as_printed, o.note,
    s.source_id, s.title AS source_title, s.url AS source_url, s.kind
FROM other_figures AS o
JOIN sources AS s ON s.source_id = o.source_id
WHERE o.is_preferred
  AND (len($topics::VARCHAR[]) = 0 OR list_contains($topics::VARCHAR[], o.topic))
  AND o.year BETWEEN $year_from AND $year_to
ORDER BY o.topic, o.year, o.period NULLS FIRST, o.dimension, o.category
