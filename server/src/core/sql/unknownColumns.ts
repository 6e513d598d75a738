// SCH002: a column name no table in scope offers. Resolution (resolve.ts) marks the names it found
// nowhere; this module reports the ones that can be judged with certainty, that is when every
// table reference in scope has a complete column list. A schema table's list may be stale, so the
// finding leaves the verdict open (like SCH001) rather than making the query INVALID.
import type { Diagnostic } from '../types';
import { KEYWORD_LITERALS, NILADIC_FUNCTIONS } from './keywordRoles';
import type { ColumnRef, Cte, Query, QueryModel, Select, TableRef } from './model';

/** A name Spark never generates for an unaliased expression. */
const PLAIN = /^[a-z_][a-z0-9_]*$/;

export function unknownColumnDiagnostics(model: QueryModel): Diagnostic[] {
  const known = knowledge(model);
  const out: Diagnostic[] = [];
  for (const col of model.columns) {
    const lists = col.notFoundIn;
    if (!lists?.length) continue;
    const k = least(lists.map(known));
    if (k === 'none' || (k === 'plain' && !PLAIN.test(col.key))) continue;
    if (!col.qualifier && isNiladic(col)) continue;
    out.push({
      code: 'SCH002',
      severity: 'warning',
      message: message(col, lists),
      span: col.span,
    });
  }
  return out;
}

function isNiladic(col: ColumnRef): boolean {
  const upper = col.key.toUpperCase();
  return KEYWORD_LITERALS.has(upper) || NILADIC_FUNCTIONS.has(upper);
}

/**
 * How much of a FROM list's columns is known: `all` (schema tables that list their columns, CTEs
 * and derived tables whose every output is named and whose `*` expands only over such
 * references), `plain` (as `all`, but some outputs are unnamed expressions: Spark names those
 * `count(1)`, `(a + b)`, ..., never a plain identifier) or `none`. Remembered per list and per
 * query (a wide select asks once per column).
 */
type Known = 'none' | 'plain' | 'all';
const ORDER: Known[] = ['none', 'plain', 'all'];
const least = (ks: Known[]): Known =>
  ks.reduce<Known>((a, b) => (ORDER.indexOf(b) < ORDER.indexOf(a) ? b : a), 'all');

/** Expressions Spark names after their SQL text (with parentheses or spaces) when unaliased. */
const NAMED_BY_TEXT = new Set(['function', 'operator', 'case', 'cast', 'subquery', 'list']);

function knowledge(model: QueryModel): (refs: TableRef[]) => Known {
  const ctes = new Map<string, Cte>(model.ctes.map((c) => [c.key, c]));
  const lists = new WeakMap<TableRef[], Known>();
  const queries = new WeakMap<Query, Known>();
  const refKnown = (ref: TableRef): Known => {
    const t = ref.target;
    if (t.kind === 'schema') return t.table.columns.length > 0 ? 'all' : 'none';
    if (t.kind === 'cte') {
      const cte = ctes.get(t.cte.toLowerCase());
      if (!cte) return 'none';
      return cte.columnList?.length ? 'all' : queryKnown(cte.query);
    }
    if (t.kind === 'derived') return ref.subquery ? queryKnown(ref.subquery) : 'none';
    return 'none';
  };
  const itemKnown = (from: TableRef[], item: Select['items'][number]): Known => {
    const e = item.expr;
    if (e.kind !== 'star') {
      if (item.outputName !== undefined) return 'all';
      return NAMED_BY_TEXT.has(e.kind) ? 'plain' : 'none';
    }
    if (!e.qualifier) return listKnown(from);
    const key = e.qualifier.toLowerCase();
    const named = from.filter((r) => (r.alias?.value.toLowerCase() ?? r.key) === key);
    return named.length ? least(named.map(refKnown)) : 'none';
  };
  const queryKnown = (q: Query): Known => {
    const known = queries.get(q);
    if (known !== undefined) return known;
    queries.set(q, 'none'); // a cycle proves nothing
    const first = q.selects[0];
    const k = first ? least(first.items.map((item) => itemKnown(first.from, item))) : 'none';
    queries.set(q, k);
    return k;
  };
  const listKnown = (refs: TableRef[]): Known => {
    let k = lists.get(refs);
    if (k === undefined) {
      k = least(refs.map(refKnown));
      lists.set(refs, k);
    }
    return k;
  };
  return listKnown;
}

function describe(ref: TableRef): string {
  const t = ref.target;
  if (t.kind === 'schema') return `table '${t.table.name}'`;
  if (t.kind === 'cte') return `CTE '${t.cte}'`;
  return ref.alias ? `derived table '${ref.alias.value}'` : 'the derived table';
}

/** At most this many references are named in a message. */
const NAMED = 4;

/** Whether a FROM list reads a schema table directly, remembered per list (shared by its columns). */
const readsSchema = new WeakMap<TableRef[], boolean>();

function listReadsSchema(refs: TableRef[]): boolean {
  let yes = readsSchema.get(refs);
  if (yes === undefined) {
    yes = refs.some((r) => r.target.kind === 'schema');
    readsSchema.set(refs, yes);
  }
  return yes;
}

function message(col: ColumnRef, lists: TableRef[][]): string {
  const shown = col.qualifier ? `${col.qualifier.value}.${col.name}` : col.name;
  const scope = col.qualifier && col.resolved ? [[col.resolved.table]] : lists;
  // The first few distinct references, not the whole scope: a wide join would cost its width per column.
  const names: string[] = [];
  let more = false;
  for (const refs of scope) {
    for (const r of refs) {
      const d = describe(r);
      if (names.includes(d)) continue;
      if (names.length === NAMED) more = true;
      else names.push(d);
      if (more) break;
    }
    if (more) break;
  }
  const where =
    names.length === 1 && !more ? names[0] : `any of ${names.join(', ')}${more ? ', …' : ''}`;
  const fromSchema = scope.some(listReadsSchema);
  const what = `Column '${shown}' is not in ${where}${fromSchema ? ' in cleanrooms.schema.json' : ''}`;
  return fromSchema
    ? `${what}. If the schema is current, Spark cannot resolve this name and the service will refuse the query; otherwise add the column to cleanrooms.schema.json or run "Clean Rooms: Refresh Schema". The query was not fully understood, so it cannot be reported VALID.`
    : `${what}: Spark cannot resolve this name and the service will refuse the query. Check the spelling, or add the column to the select list that defines it.`;
}
