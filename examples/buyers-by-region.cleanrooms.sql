-- @name Revenue per buyer by region
-- @description Joins the DP users table to the advertiser's sales on hashed email
-- @param category VARCHAR = 'running'
WITH buyers AS (
  SELECT su.user_id, su.region, s.sale_price
  FROM socialco_users su
  JOIN athletic_brand_sales s ON s.emailsha256 = su.emailsha256
  WHERE s.product_category = :category
)
SELECT region, ROUND(SUM(sale_price) / COUNT(DISTINCT user_id), 2) AS revenue_per_buyer
FROM buyers
GROUP BY region
