-- name: all_availability
-- Every recorded gap (availability.csv): the year, measure, breakdown and category, its state
-- ('not published', 'not in this dataset' or 'not collected'), the evidence and its source, and
-- the release that holds a figure 'not in this dataset'.
SELECT a.year, a.measure, a.dimension, a.category, a.state, a.evidence, a.source_id,
       r.title AS release
FROM availability AS a
LEFT JOIN sources AS r ON r.source_id = a.release_source_id
ORDER BY a.year, a.measure, a.dimension, a.category
