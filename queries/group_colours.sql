-- name: group_colours
-- The colour of every stable group of every dimension, as stored in categories.csv, in each
-- dimension's display order (the palette reads it; no query computes a colour).
SELECT dimension, "group" AS category_group, colour
FROM categories
GROUP BY dimension, "group", colour
ORDER BY dimension, min(sort_order), "group"
