-- @name Last impression per campaign
-- @description Breaks DP rule 28: MAX is not allowed in the final SELECT
SELECT campaign_id, MAX(timestamp) AS last_seen
FROM socialco_impressions
GROUP BY campaign_id
