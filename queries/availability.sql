-- name: availability
-- What is known about a measure's figures, year by year and breakdown by breakdown: 'published'
-- where preferred figures exist (with how many), else the state of the gap recorded in
-- availability.csv ('not published', 'not in this dataset' or 'not collected'), with its evidence,
-- the evidence's source and, for 'not in this dataset', the release where it can be found. Rows of
-- scope 'breakdown' are whole breakdowns (category 'All' for the total, '*' otherwise); rows of
-- scope 'category' are single categories recorded as gaps within a breakdown (e.g. a category
-- that did not exist that year). State is NULL only outside the table's grid (measures other than
-- referrals, discussed_at_channel and adopted_as_channel_case).
-- :param measure: the measure, e.g. 'discussed_at_channel'
-- :param dimensions: list of dimensions (breakdowns); empty means every one with figures or gaps for the measure
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
WITH chosen_years AS (
    SELECT year FROM years WHERE year BETWEEN $year_from AND $year_to
),
chosen_dimensions AS (
    SELECT DISTINCT dimension FROM (
        SELECT dimension FROM availability WHERE measure = $measure
        UNION ALL
        SELECT dimension FROM figures WHERE measure = $measure
    )
    WHERE len($dimensions::VARCHAR[]) = 0 OR list_contains($dimensions::VARCHAR[], dimension)
),
published AS (
    SELECT year, dimension, count(*) AS figures
    FROM (
        SELECT year, dimension FROM figure_values WHERE measure = $measure AND cross_dimension IS NULL
        UNION ALL
        SELECT year, dimension FROM other_figures
        WHERE is_preferred AND measure = $measure AND dimension IN ('ethnicity', 'mental_health_neurodiversity')
    )
    GROUP BY year, dimension
),
breakdowns AS (
    SELECT
        y.year, d.dimension,
        CASE WHEN d.dimension = 'total' THEN 'All' ELSE '*' END AS category,
        'breakdown' AS scope,
        CASE WHEN p.figures > 0 THEN 'published' ELSE a.state END AS state,
        coalesce(p.figures, 0) AS figures,
        a.evidence, a.source_id, a.release_source_id
    FROM chosen_years AS y
    CROSS JOIN chosen_dimensions AS d
    LEFT JOIN published AS p ON p.year = y.year AND p.dimension = d.dimension
    LEFT JOIN availability AS a
        ON a.year = y.year AND a.measure = $measure AND a.dimension = d.dimension AND a.category IN ('All', '*')
),
single_categories AS (
    SELECT a.year, a.dimension, a.category, 'category' AS scope, a.state, 0 AS figures,
           a.evidence, a.source_id, a.release_source_id
    FROM availability AS a
    JOIN chosen_years USING (year)
    JOIN chosen_dimensions USING (dimension)
    WHERE a.measure = $measure AND a.category NOT IN ('All', '*')
),
gaps AS (
    SELECT * FROM breakdowns
    UNION ALL
    SELECT * FROM single_categories
)
SELECT
    g.year, $measure AS measure, g.dimension, g.category, g.scope, g.state, g.figures, g.evidence,
    g.source_id, s.title AS source_title, s.url AS source_url,
    g.release_source_id, r.title AS release_title, r.url AS release_url
FROM gaps AS g
LEFT JOIN sources AS s ON s.source_id = g.source_id
LEFT JOIN sources AS r ON r.source_id = g.release_source_id
ORDER BY g.dimension, g.year, g.scope, g.category
