-- name: figure_conflicts
-- Figures for which sources give different values, with every value and its source; the
-- preferred row is flagged and the reason for the choice is given.
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param measures: list of measures; empty means all
WITH conflicted AS (
    SELECT year, measure, dimension, category
    FROM figures
    WHERE year BETWEEN $year_from AND $year_to
      AND (len($measures::VARCHAR[]) = 0 OR list_contains($measures::VARCHAR[], measure))
    GROUP BY year, measure, dimension, category
    HAVING count(DISTINCT count) > 1 OR count(DISTINCT percent) > 1
),
reasons AS (
    SELECT year, measure, dimension, category, preference_reason FROM figures WHERE is_preferred
)
SELECT
    f.year, f.measure, f.dimension, f.category, f.count, f.percent, f.percent_of,
    f.is_preferred, f.is_preferred_percent, f.quality, f.label_as_printed, f.note, f.figure_id,
    r.preference_reason,
    s.source_id, s.title, s.publisher, s.published, s.url, s.kind
FROM figures AS f
JOIN conflicted USING (year, measure, dimension, category)
JOIN reasons AS r USING (year, measure, dimension, category)
JOIN sources AS s ON s.source_id = f.source_id
ORDER BY f.year, f.measure, f.dimension, f.category, f.is_preferred DESC, f.count DESC NULLS LAST, s.source_id
