-- name: category_groups
-- The stable groups of one dimension (for filters and legends), in display order, with the
-- published labels each group covers.
-- :param dimension: e.g. 'ideology'
SELECT category_group, sort_order, labels
FROM category_groups
WHERE dimension = $dimension
ORDER BY sort_order, category_group
