// Deterministic, realistic DP templates of a chosen size for the bench: a header with
// parameters, then a chain of CTEs over the corpus's social/sales tables (the shapes of the
// advertising cases in test/corpus/: user-level CTEs, joins on the user id, UNION ALL, per-user
// aggregation, windows partitioned by user) and one aggregating final SELECT.

/** The tables the generated SQL reads, as `cleanrooms.schema.json` text. */
export const SCHEMA_JSON = JSON.stringify(
  {
    tables: [
      {
        name: 'socialco_impressions',
        analysisRuleType: 'CUSTOM',
        differentialPrivacy: { userIdColumn: 'user_id' },
        creatorAccountId: '111122223333',
        columns: [
          'user_id',
          'campaign_id',
          'impression_id',
          'creative_id',
          'device_type',
          'emailsha256',
          'timestamp',
        ].map((name) => ({ name })),
      },
      {
        name: 'socialco_users',
        analysisRuleType: 'CUSTOM',
        differentialPrivacy: { userIdColumn: 'user_id' },
        creatorAccountId: '111122223333',
        columns: ['user_id', 'emailsha256', 'phonesha256', 'region', 'age_band'].map((name) => ({
          name,
        })),
      },
      {
        name: 'athletic_brand_sales',
        analysisRuleType: 'CUSTOM',
        creatorAccountId: '444455556666',
        columns: [
          'sale_id',
          'emailsha256',
          'phonesha256',
          'sale_price',
          'product_category',
          'timestamp',
        ].map((name) => ({ name })),
      },
    ],
  },
  null,
  2,
);

const HEADER = [
  '-- @name Campaign reach and spend',
  '-- @description Distinct users reached and their spend per campaign since a start date',
  "-- @param start_date DATE = '2024-01-01'",
  "-- @param region VARCHAR = 'us-east'",
  "-- @param min_price DECIMAL = '10.00'",
  '',
].join('\n');

const DEVICES = ['mobile', 'desktop', 'tablet', 'ctv'];
const CATEGORIES = ['footwear', 'apparel', 'equipment', 'accessories'];

/** A small LCG: the same seed always yields the same template. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Each CTE shape reads the previous user-level CTE (`prev`) or a base table, and outputs
// user_id, campaign_id and a measure column `m`, so any shape can follow any other.
function cte(kind: number, name: string, prev: string | undefined, pick: () => number): string {
  const device = DEVICES[Math.floor(pick() * DEVICES.length)];
  const category = CATEGORIES[Math.floor(pick() * CATEGORIES.length)];
  const src = prev ?? 'socialco_impressions';
  switch (kind) {
    case 0:
      return `${name} AS (
  SELECT si.user_id, si.campaign_id, 1 AS m
  FROM socialco_impressions si
  JOIN socialco_users su
      ON su.user_id = si.user_id
  WHERE si.timestamp > :start_date
    AND su.region = :region
    AND si.device_type = '${device}'
)`;
    case 1:
      return `${name} AS (
  SELECT p.user_id, p.campaign_id, s.sale_price AS m
  FROM ${src} p
  JOIN socialco_users su
      ON su.user_id = p.user_id
  JOIN athletic_brand_sales s
      ON s.emailsha256 = su.emailsha256
  WHERE s.sale_price >= :min_price
    AND s.product_category = '${category}'
)`;
    case 2:
      return `${name} AS (
  SELECT user_id, campaign_id, m
  FROM ${src}
  UNION ALL
  SELECT si.user_id, si.campaign_id, 0 AS m
  FROM socialco_impressions si
  WHERE si.device_type = '${device}'
)`;
    case 3:
      return `${name} AS (
  SELECT user_id, campaign_id, SUM(m) AS m, COUNT(*) AS events
  FROM ${src}
  GROUP BY user_id, campaign_id
)`;
    default:
      return `${name} AS (
  SELECT user_id, campaign_id, m,
         ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY campaign_id) AS rn
  FROM ${src}
  WHERE CASE WHEN m > 100 THEN 'high' ELSE 'low' END <> 'none'
)`;
  }
}

function finalSelect(from: string): string {
  return `SELECT campaign_id,
       COUNT(DISTINCT user_id) AS reach,
       SUM(m) AS total_spend,
       ROUND(AVG(m), 2) AS avg_spend
FROM ${from}
GROUP BY campaign_id
ORDER BY reach DESC
LIMIT 100
`;
}

/**
 * A template whose query has `ctes` CTEs (at least 1), deterministic for (ctes, seed).
 * `windows: false` leaves out the window-function CTE shape, which the peer cannot parse.
 */
export function templateWithCtes(ctes: number, seed = 7, windows = true): string {
  const pick = rng(seed);
  const parts: string[] = [];
  let prev: string | undefined;
  for (let i = 1; i <= Math.max(1, ctes); i++) {
    const kind = i === 1 ? 0 : Math.floor(pick() * (windows ? 5 : 4));
    const name = `step_${i}`;
    parts.push(cte(kind, name, prev, pick));
    prev = name;
  }
  return `${HEADER}WITH ${parts.join(',\n')}\n${finalSelect(prev!)}`;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const lines = (s: string) => s.split('\n').length - (s.endsWith('\n') ? 1 : 0);

/** The largest template (by CTE count) whose measure stays ≤ limit; binary search, so cheap. */
function largestUnder(measure: (t: string) => number, limit: number, windows = true): string {
  const make = (n: number) => templateWithCtes(n, 7, windows);
  let lo = 1;
  let hi = 2;
  while (measure(make(hi)) <= limit) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (measure(make(mid)) <= limit) lo = mid;
    else hi = mid;
  }
  return make(lo);
}

/** Pads the query with a comment line before the final SELECT so the file is exactly `target` bytes. */
function padTo(template: string, target: number): string {
  const missing = target - bytes(template);
  if (missing < 4) return template;
  const at = template.lastIndexOf('\nSELECT campaign_id,') + 1;
  const comment = `--${' reach and spend per campaign'.repeat(Math.ceil(missing / 29)).slice(0, missing - 3)}\n`;
  return template.slice(0, at) + comment + template.slice(at);
}

export interface BenchTemplate {
  label: string;
  text: string;
}

/** The bench's sizes: 20 and 200 lines, just under the 8 KB DP limit, 100 KB and 500 KB. */
export function benchTemplates(): BenchTemplate[] {
  return [
    { label: '20 lines', text: largestUnder(lines, 20) },
    { label: '200 lines', text: largestUnder(lines, 200) },
    // 8,191 bytes: the whole file, header included, stays under the 8,192-byte DP quota.
    { label: '8 KB (DP max)', text: padTo(largestUnder(bytes, 8191), 8191) },
    { label: '100 KB', text: padTo(largestUnder(bytes, 100_000), 100_000) },
    { label: '500 KB', text: padTo(largestUnder(bytes, 500_000), 500_000) },
  ];
}

/**
 * The many-CTE shape of issue 15: 40 short user-level CTEs, each joining the previous one to
 * `socialco_users` (every fourth also to the non-DP sales table on `emailsha256`), then the final
 * aggregating SELECT; about 7.6 KB. Typing in it changes one small CTE of many.
 */
export function manyCteTemplate(): string {
  const parts: string[] = [];
  for (let i = 1; i <= 40; i++) {
    const from = i === 1 ? 'socialco_impressions' : `c${i - 1}`;
    const m = i === 1 ? '1' : 'p.m';
    const sales =
      i % 4 === 0 ? `\n  JOIN athletic_brand_sales s ON s.emailsha256 = u.emailsha256` : '';
    const filter =
      i === 1
        ? '\n    AND p.timestamp > :start_date'
        : i % 4 === 0
          ? '\n    AND s.sale_price >= :min_price'
          : '';
    parts.push(
      `c${i} AS (\n  SELECT p.user_id, p.campaign_id, ${m} AS m, u.age_band\n  FROM ${from} p\n  JOIN socialco_users u ON u.user_id = p.user_id${sales}\n  WHERE u.region = :region${filter}\n)`,
    );
  }
  return `${HEADER}WITH ${parts.join(',\n')}\n${finalSelect('c40')}`;
}

/** The 8 KB template without window functions: the peer's parser accepts all of it, so it also lints. */
export function peerParsableEightKb(): string {
  return padTo(largestUnder(bytes, 8191, false), 8191);
}

export const measure = { bytes, lines };
