-- name: referral_funnel
-- The outcome funnel of the referral-level rows matching every filter except outcome: referred,
-- discussed at a Channel panel (adopted or not), adopted as a Channel case, and the rows whose
-- outcome was not published (synthetic demo) or is not known (your own file).
-- :param year_from: first year, e.g. '2015/16'
-- :param year_to: last year, e.g. '2024/25'
-- :param ideologies: list of ideology groups (ideology_group); empty means all
-- :param agencies: list of referring sectors (sector_group); empty means all
-- :param age_groups: list of age groups; empty means all
-- :param genders: list of genders; empty means all
-- :param regions: list of regions; empty means all
WITH counts AS (
    SELECT
        coalesce(sum(n), 0)::BIGINT AS referred,
        coalesce(sum(n) FILTER (WHERE outcome IN ('Discussed at Channel, not adopted', 'Adopted as Channel case')), 0)::BIGINT AS discussed,
        coalesce(sum(n) FILTER (WHERE outcome = 'Adopted as Channel case'), 0)::BIGINT AS adopted,
        coalesce(sum(n) FILTER (WHERE outcome = 'Not published'), 0)::BIGINT AS not_published,
        coalesce(sum(n) FILTER (WHERE outcome = 'Not known'), 0)::BIGINT AS not_known
    FROM matching_referrals($year_from, $year_to, $ideologies::VARCHAR[], []::VARCHAR[], $agencies::VARCHAR[],
                            $age_groups::VARCHAR[], $genders::VARCHAR[], $regions::VARCHAR[])
)
SELECT
    stage_order,
    stage,
    referrals,
    CASE WHEN referred > 0 THEN 100.0 * referrals / referred END AS percent_of_referred
FROM (
    SELECT st.stage_order, st.stage, c.referred,
           CASE st.stage_order WHEN 1 THEN c.referred WHEN 2 THEN c.discussed WHEN 3 THEN c.adopted
                               WHEN 4 THEN c.not_published ELSE c.not_known END AS referrals
    FROM counts AS c
    CROSS JOIN (VALUES (1, 'Referred'), (2, 'Discussed at Channel'), (3, 'Adopted as Channel case'),
                       (4, 'Outcome not published'), (5, 'Outcome not known')) AS st(stage_order, stage)
)
ORDER BY stage_order
