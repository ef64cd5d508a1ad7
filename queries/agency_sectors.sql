-- name: agency_sectors
-- The project's map from each agency addressed by a recommendation to the referring sector it acts
-- for (empty sector: none), with the reason, in the order of the agency list.
SELECT agency, sector, reason
FROM agency_sectors
ORDER BY sector NULLS LAST, agency
