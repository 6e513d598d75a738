-- @name Unique reach by campaign
-- @description Distinct users reached per campaign between two dates
-- @param start_date DATE = '2024-01-01'
-- @param end_date DATE = '2024-12-31'
SELECT campaign_id,
       COUNT(DISTINCT user_id) AS reach,
       COUNT(*) AS impressions
FROM socialco_impressions
WHERE timestamp >= :start_date AND timestamp < :end_date
GROUP BY campaign_id
