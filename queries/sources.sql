-- name: sources
-- Every source, with how many figures, other figures and recommendations cite it.
-- :param kinds: list of kinds ('official', 'parliamentary', 'secondary'); empty means all
SELECT
    s.source_id, s.title, s.publisher, s.published, s.url, s.kind, s.note,
    (SELECT count(*) FROM figures AS f WHERE f.source_id = s.source_id) AS figures,
    (SELECT count(*) FROM figures AS f WHERE f.source_id = s.source_id AND f.is_preferred) AS preferred_figures,
    (SELECT count(*) FROM other_figures AS o WHERE o.source_id = s.source_id) AS other_figures,
    (SELECT count(*) FROM recommendations AS r
      WHERE r.source_id = s.source_id OR r.status_source_id = s.source_id
         OR list_contains(string_split(r.found_in_source_ids, ';'), s.source_id)) AS recommendations
FROM sources AS s
WHERE len($kinds::VARCHAR[]) = 0 OR list_contains($kinds::VARCHAR[], s.kind)
ORDER BY CASE s.kind WHEN 'official' THEN 0 WHEN 'parliamentary' THEN 1 ELSE 2 END, s.published NULLS LAST, s.source_id
