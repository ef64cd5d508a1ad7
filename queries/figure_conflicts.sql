-- name: figure_conflicts
-- Figures for which sources give different values, or whose preferred count and preferred share
-- disagree by more than rounding allows, with every value and its source; the preferred row is
-- flagged and the reason for the choice is given. `conflict` says which kind of conflict it is.
-- A count and a share agree when the count's share of the year's published base (all referrals,
-- Channel cases, referrals discussed at a panel, or referrals whose age, gender or type of concern
-- was recorded) is within 0.55 units of the share's last printed digit: a printed share may have
-- been rounded twice (20.48 -> 20.5 -> 21). tools/curate/figures.py applies the same rule when it
-- sets values_conflict.
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param measures: list of measures; empty means all
WITH chosen AS (
    SELECT * FROM figure_values
    WHERE year BETWEEN $year_from AND $year_to
      AND (len($measures::VARCHAR[]) = 0 OR list_contains($measures::VARCHAR[], measure))
),
bases (percent_of, base_measure, base_dimension, base_category) AS (
    VALUES
        ('all referrals', 'referrals', 'total', 'All'),
        ('Channel cases (people adopted or supported)', 'adopted_as_channel_case', 'total', 'All'),
        ('referrals discussed at a Channel panel', 'discussed_at_channel', 'total', 'All'),
        ('referrals where age was known', 'referrals', 'age_group', 'Age known (base)'),
        ('referrals where gender was specified', 'referrals', 'gender', 'Gender specified (base)'),
        ('referrals with a type of concern recorded', 'referrals', 'ideology', 'Type of concern specified (base)')
),
share_conflicts AS (
    SELECT c.year, c.measure, c.dimension, c.category
    FROM chosen AS c
    JOIN bases AS b USING (percent_of)
    JOIN figure_values AS base
      ON base.year = c.year AND base.measure = b.base_measure
     AND base.dimension = b.base_dimension AND base.category = b.base_category
    WHERE c.count IS NOT NULL AND c.percent IS NOT NULL AND base.count > 0
      AND abs(100.0 * c.count / base.count - c.percent) > 0.55 * CASE
            WHEN c.percent = round(c.percent) THEN 1
            WHEN c.percent * 10 = round(c.percent * 10) THEN 0.1
            ELSE 0.01 END + 1e-9
),
value_conflicts AS (
    SELECT year, measure, dimension, category
    FROM figures
    WHERE year BETWEEN $year_from AND $year_to
      AND (len($measures::VARCHAR[]) = 0 OR list_contains($measures::VARCHAR[], measure))
    GROUP BY year, measure, dimension, category
    HAVING count(DISTINCT count) > 1 OR count(DISTINCT percent) > 1
),
conflicted AS (
    SELECT year, measure, dimension, category,
           string_agg(kind, '; ' ORDER BY kind DESC) AS conflict
    FROM (
        SELECT *, 'sources give different values' AS kind FROM value_conflicts
        UNION ALL
        SELECT *, 'count and share disagree' AS kind FROM share_conflicts
    )
    GROUP BY year, measure, dimension, category
),
reasons AS (
    SELECT year, measure, dimension, category, preference_reason FROM figures WHERE is_preferred
)
SELECT
    f.year, f.measure, f.dimension, f.category, f.count, f.percent, f.percent_of,
    f.is_preferred, f.is_preferred_percent, f.quality, f.label_as_printed, f.note, f.figure_id,
    r.preference_reason, c.conflict,
    s.source_id, s.title, s.publisher, s.published, s.url, s.kind
FROM figures AS f
JOIN conflicted AS c USING (year, measure, dimension, category)
JOIN reasons AS r USING (year, measure, dimension, category)
JOIN sources AS s ON s.source_id = f.source_id
ORDER BY f.year, f.measure, f.dimension, f.category, f.is_preferred DESC, f.count DESC NULLS LAST, s.source_id
