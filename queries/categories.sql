-- name: categories
-- Categories of the chosen dimensions with their stable group, role, colour, definition and
-- the years in which each label is used.
-- :param dimensions: list of dimensions; empty means all
SELECT dimension, category, "group" AS category_group, sort_order, colour, role, definition, years_used
FROM categories
WHERE len($dimensions::VARCHAR[]) = 0 OR list_contains($dimensions::VARCHAR[], dimension)
ORDER BY dimension, sort_order, category
