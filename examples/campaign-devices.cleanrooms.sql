-- @name Devices per campaign
-- @description Breaks DP rule 15: the CTE reads a DP table but drops the user id (quick fix adds it)
WITH c AS (
  SELECT campaign_id, device_type
  FROM socialco_impressions
)
SELECT campaign_id, COUNT(*) AS impressions
FROM c
GROUP BY campaign_id
