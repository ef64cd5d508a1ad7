-- Views over the loaded tables, created once at load time (not a query the app calls by name).

-- One row per published figure: the preferred value, the preferred share beside it (which may
-- come from a different source than the count), and the category's group, role and sort order.
CREATE VIEW figure_values AS
SELECT
    f.year, f.measure, f.dimension, f.category, f.main_category, f.cross_dimension, f.cross_category,
    f.count,
    f.source_id,
    p.percent,
    p.percent_of,
    p.source_id AS percent_source_id,
    f.figure_id, f.quality, f.values_conflict, f.preference_reason, f.label_as_printed,
    coalesce(c."group", 'All') AS category_group,
    coalesce(c.role, 'part') AS role,
    coalesce(c.sort_order, 0) AS sort_order
FROM figures AS f
LEFT JOIN figures AS p
    ON p.is_preferred_percent AND p.year = f.year AND p.measure = f.measure
   AND p.dimension = f.dimension AND p.category = f.category
LEFT JOIN categories AS c
    ON c.dimension = f.dimension AND c.category = f.main_category
WHERE f.is_preferred;

-- The reporting years of the series, in order.
CREATE VIEW years AS
SELECT year, row_number() OVER (ORDER BY year) AS year_index FROM releases;

-- Every label of each stable group, per dimension, for filters and legends.
CREATE VIEW category_groups AS
SELECT dimension, "group" AS category_group, min(sort_order) AS sort_order,
       string_agg(category, '; ' ORDER BY category) AS labels
FROM categories
WHERE role IN ('part', 'subtotal')
GROUP BY dimension, "group";

-- One row per recommendation and agency addressed (a recommendation may name several).
CREATE VIEW recommendation_agencies AS
SELECT r.*, trim(a.agency_item) AS agency_item
FROM recommendations AS r, unnest(string_split(r.agency, ';')) AS a(agency_item);
