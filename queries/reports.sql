-- name: reports
-- Reports that made recommendations about Prevent: how many they made (where known), how many are
-- in the project's table, and how well those are known (`coverage`, e.g. "5 reported, 2 possibly
-- findings, of 8": numbered = the report's number is known; reported = stated by a summary of the
-- report or paraphrased by a journalist; possibly findings = may be a finding or opinion rather
-- than a formal recommendation).
WITH known AS (
    SELECT
        source_id,
        count(*) AS recommendations_in_table,
        count(*) FILTER (WHERE confirmed = 'numbered') AS numbered,
        count(*) FILTER (WHERE confirmed IN ('reported', 'paraphrased')) AS reported,
        count(*) FILTER (WHERE confirmed = 'unconfirmed') AS possibly_findings
    FROM recommendations
    GROUP BY source_id
)
SELECT
    rep.source_id, rep.short_name, rep.recommendations_made, rep.made_source_id, rep.note,
    s.title, s.publisher, s.published, s.url,
    coalesce(k.recommendations_in_table, 0) AS recommendations_in_table,
    coalesce(k.numbered, 0) AS numbered,
    coalesce(k.reported, 0) AS reported,
    coalesce(k.possibly_findings, 0) AS possibly_findings,
    coalesce(
        nullif(
            concat_ws(
                ', ',
                CASE WHEN k.numbered > 0 THEN k.numbered || ' numbered' END,
                CASE WHEN k.reported > 0 THEN k.reported || ' reported' END,
                CASE WHEN k.possibly_findings = 1 THEN '1 possibly a finding'
                     WHEN k.possibly_findings > 1 THEN k.possibly_findings || ' possibly findings' END
            ),
            ''
        ),
        'none known'
    ) || ', of ' || coalesce(rep.recommendations_made::VARCHAR, 'a number not known') AS coverage
FROM reports AS rep
JOIN sources AS s ON s.source_id = rep.source_id
LEFT JOIN known AS k ON k.source_id = rep.source_id
ORDER BY s.published
