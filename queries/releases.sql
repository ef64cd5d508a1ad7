-- name: releases
-- The Home Office release of each year: date, statistics status and case-management system.
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
SELECT r.year, r.published, r.statistics_status, r.case_system, r.note, s.title, s.url, s.note AS source_note
FROM releases AS r
JOIN sources AS s ON s.source_id = r.source_id
WHERE r.year BETWEEN $year_from AND $year_to
ORDER BY r.year
