-- name: breakdown
-- Preferred published figures of one measure broken down by one dimension, for a range of
-- years, with each category's stable group, role and sort order.
-- :param measure: e.g. 'referrals'
-- :param dimension: e.g. 'ideology', 'sector', 'age_group', 'gender', 'region', 'outcome'
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param groups: list of stable groups to keep; empty means all
-- :param roles: list of category roles to keep ('part', 'subtotal', 'base', 'combined'); empty means all
-- :param include_cross_tabs: true to include cross-tabulations such as 'North East / Islamist'
SELECT
    year,
    category,
    main_category,
    cross_dimension,
    cross_category,
    category_group,
    role,
    sort_order,
    count,
    percent,
    percent_of,
    source_id,
    percent_source_id,
    quality,
    values_conflict,
    label_as_printed,
    figure_id
FROM figure_values
WHERE measure = $measure
  AND dimension = $dimension
  AND year BETWEEN $year_from AND $year_to
  AND (len($groups::VARCHAR[]) = 0 OR list_contains($groups::VARCHAR[], category_group))
  AND (len($roles::VARCHAR[]) = 0 OR list_contains($roles::VARCHAR[], role))
  AND ($include_cross_tabs OR cross_dimension IS NULL)
ORDER BY year, sort_order, category
