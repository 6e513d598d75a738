// The settings the language server needs, as the client resolves them (one typed shape for both
// sides; the client reads every setting in client/src/settings.ts).

export type SubqueryPolicy = 'current-docs' | 'strict';

export interface ServerSettings {
  /** `cleanrooms.dp.subqueries`: how subqueries the AWS documents disagree on are treated. */
  subqueries: SubqueryPolicy;
  /** `cleanrooms.dp.overflowWarnings`: DP044 (run-time overflow/cast risk) as a warning instead of a hint. */
  overflowWarnings: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  subqueries: 'current-docs',
  overflowWarnings: false,
};

/** The `workspace/configuration` section the server asks for; the client answers with ServerSettings. */
export const SERVER_SETTINGS_SECTION = 'cleanrooms';

/** Accepts whatever arrived over the wire and keeps only valid values. */
export function normalizeServerSettings(raw: unknown): ServerSettings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const dp = value.dp && typeof value.dp === 'object' ? (value.dp as Record<string, unknown>) : {};
  const subqueries = value.subqueries ?? dp.subqueries;
  const overflowWarnings = value.overflowWarnings ?? dp.overflowWarnings;
  return {
    subqueries:
      subqueries === 'strict' || subqueries === 'current-docs'
        ? subqueries
        : DEFAULT_SERVER_SETTINGS.subqueries,
    overflowWarnings:
      typeof overflowWarnings === 'boolean'
        ? overflowWarnings
        : DEFAULT_SERVER_SETTINGS.overflowWarnings,
  };
}
