// Snippets for the shapes DP templates are made of: a per-user CTE (grouped by the user
// identifier), the final aggregate (COUNT DISTINCT of the user identifier), and a join of two DP
// relations on their user identifiers. Filled with the schema's real names.
import type { SchemaTable } from '../core/types';

export interface Snippet {
  label: string;
  /** What the snippet is for, shown beside it. */
  detail: string;
  /** Snippet syntax (`${1:placeholder}`). */
  body: string;
}

/** A DP table's user-identifier column and a first other column, to group by. */
function dpShape(t: SchemaTable): { uid: string; dim: string } | undefined {
  if (!t.userIdColumn) return undefined;
  const uid = t.userIdColumn;
  const dim =
    t.columns.find((c) => c.name.toLowerCase() !== uid.toLowerCase())?.name ?? 'dimension';
  return { uid, dim };
}

/** `name AS (SELECT uid, dim FROM table GROUP BY uid, dim)`, one per DP table. */
export function perUserCtes(tables: SchemaTable[], withKeyword: boolean): Snippet[] {
  return tables.flatMap((t) => {
    const s = dpShape(t);
    if (!s) return [];
    const cte = `\${1:per_user} AS (\n  SELECT ${s.uid}, \${2:${s.dim}}\n  FROM ${t.name}\n  GROUP BY ${s.uid}, \${2:${s.dim}}\n)`;
    const final = `\nSELECT \${2:${s.dim}}, COUNT(DISTINCT ${s.uid}) AS \${3:users}\nFROM \${1:per_user}\nGROUP BY \${2:${s.dim}}`;
    return [
      {
        label: `${withKeyword ? 'WITH ' : ''}per_user AS (… FROM ${t.name} GROUP BY ${s.uid} …)`,
        detail: `Per-user CTE over DP table ${t.name}${withKeyword ? ', then the final aggregate' : ''}`,
        body: withKeyword ? `WITH ${cte}${final}` : cte,
      },
    ];
  });
}

/** `SELECT dim, COUNT(DISTINCT uid) AS users FROM table GROUP BY dim`, one per DP table. */
export function finalQueries(tables: SchemaTable[]): Snippet[] {
  return tables.flatMap((t) => {
    const s = dpShape(t);
    if (!s) return [];
    return [
      {
        label: `SELECT …, COUNT(DISTINCT ${s.uid}) FROM ${t.name}`,
        detail: `Final aggregate over DP table ${t.name}`,
        body: `SELECT \${1:${s.dim}}, COUNT(DISTINCT ${s.uid}) AS \${2:users}\nFROM ${t.name}\nGROUP BY \${1:${s.dim}}`,
      },
    ];
  });
}

/** The aggregate DP allows in the final SELECT, over the user identifier `uid`. */
export function distinctUsers(uid: string): Snippet {
  return {
    label: `COUNT(DISTINCT ${uid}) AS users`,
    detail: 'Final aggregate: distinct users',
    body: `COUNT(DISTINCT ${uid}) AS \${1:users}`,
  };
}

/** The snippet's text with placeholders replaced by their defaults, for clients without snippets. */
export function plainText(body: string): string {
  return body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
}
