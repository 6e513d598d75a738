-- @name Average frequency per user
-- @description Mean and spread of impressions per user, computed from a per-user CTE
-- @param min_impressions INTEGER = '1'
WITH per_user AS (
  SELECT user_id, COUNT(*) AS impressions
  FROM socialco_impressions
  GROUP BY user_id
  HAVING COUNT(*) >= :min_impressions
)
SELECT AVG(impressions) AS avg_impressions_per_user,
       STDDEV(impressions) AS sd_impressions_per_user
FROM per_user
