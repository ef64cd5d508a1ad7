-- name: measure_trend
-- Totals of the chosen measures for every year in a range (preferred published figures).
-- Every year of the range comes back for every measure; `not_published` marks the gaps.
-- :param measures: list of measures; empty means referrals, discussed at Channel and adopted
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
WITH chosen AS (
    SELECT unnest(
        CASE WHEN len($measures::VARCHAR[]) = 0
             THEN ['referrals', 'discussed_at_channel', 'adopted_as_channel_case']
             ELSE $measures::VARCHAR[] END
    ) AS measure
)
SELECT
    y.year,
    y.year_index,
    m.measure,
    f.count,
    f.percent,
    f.percent_of,
    f.source_id,
    f.percent_source_id,
    f.quality,
    coalesce(f.values_conflict, false) AS values_conflict,
    (f.count IS NULL AND f.percent IS NULL) AS not_published
FROM years AS y
CROSS JOIN chosen AS m
LEFT JOIN figure_values AS f
    ON f.year = y.year AND f.measure = m.measure AND f.dimension = 'total'
WHERE y.year BETWEEN $year_from AND $year_to
ORDER BY m.measure, y.year
