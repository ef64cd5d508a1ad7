-- name: category_groups
-- The stable groups of one dimension (for filters and legends), with their colour and the
-- published labels each group covers.
-- :param dimension: e.g. 'ideology'
SELECT category_group, sort_order, colour, labels
FROM category_groups
WHERE dimension = $dimension
ORDER BY sort_order, category_group
