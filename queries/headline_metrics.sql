-- name: headline_metrics
-- Headline totals for one year and the year before: referrals, referrals discussed at a
-- Channel panel and referrals adopted as a Channel case (preferred published figures).
-- Empty values mean the figure was not published.
-- :param year: the year to show, e.g. '2024/25'
WITH chosen AS (
    SELECT year, year_index FROM years WHERE year = $year
),
previous AS (
    SELECT y.year FROM years AS y, chosen AS c WHERE y.year_index = c.year_index - 1
),
measures(measure, sort_order) AS (
    VALUES ('referrals', 1), ('discussed_at_channel', 2), ('adopted_as_channel_case', 3)
)
SELECT
    m.measure,
    c.year,
    cur.count,
    cur.percent,
    cur.percent_of,
    cur.source_id,
    cur.percent_source_id,
    cur.quality,
    cur.values_conflict,
    p.year AS previous_year,
    prv.count AS previous_count,
    prv.percent AS previous_percent,
    prv.source_id AS previous_source_id
FROM measures AS m
CROSS JOIN chosen AS c
LEFT JOIN previous AS p ON true
LEFT JOIN figure_values AS cur
    ON cur.measure = m.measure AND cur.dimension = 'total' AND cur.year = c.year
LEFT JOIN figure_values AS prv
    ON prv.measure = m.measure AND prv.dimension = 'total' AND prv.year = p.year
ORDER BY m.sort_order
