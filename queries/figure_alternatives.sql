-- name: figure_alternatives
-- Every published value of one figure (year, measure, dimension, category) with its source,
-- the preferred value first.
-- :param year: e.g. '2018/19'
-- :param measure: e.g. 'referrals'
-- :param dimension: e.g. 'total'
-- :param category: e.g. 'All'
SELECT
    f.count, f.percent, f.percent_of, f.is_preferred, f.is_preferred_percent, f.quality,
    f.label_as_printed, f.preference_reason, f.note, f.figure_id,
    s.source_id, s.title, s.publisher, s.published, s.url, s.kind
FROM figures AS f
JOIN sources AS s ON s.source_id = f.source_id
WHERE f.year = $year AND f.measure = $measure AND f.dimension = $dimension AND f.category = $category
ORDER BY f.is_preferred DESC, f.is_preferred_percent DESC, s.published NULLS LAST, s.source_id
