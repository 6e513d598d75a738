// SCH002: a column name no table in scope offers. Resolution (resolve.ts) marks the names it found
// nowhere; this module reports the ones that can be judged with certainty, that is when every
// table reference in scope has a complete column list. A schema table's list may be stale, so the
// finding leaves the verdict open (like SCH001) rather than making the query INVALID.
import type { Diagnostic } from '../types';
import { identKey } from './build';
import { KEYWORD_LITERALS } from './keywordRoles';
import type { Token } from './lexer';
import type { ColumnRef, Cte, Query, QueryModel, TableRef } from './model';

/**
 * Spark's functions that are called without parentheses besides the keyword literals
 * (CURRENT_DATE, ...): a name no column has resolves to them.
 */
const NILADIC_FUNCTIONS = new Set(['CURRENT_USER', 'USER', 'SESSION_USER']);

export function unknownColumnDiagnostics(model: QueryModel, tokens: Token[]): Diagnostic[] {
  const complete = completeness(model);
  let lambdas: Set<string> | undefined;
  const out: Diagnostic[] = [];
  for (const col of model.columns) {
    const lists = col.notFoundIn;
    if (!lists?.length || !lists.every(complete)) continue;
    if (!col.qualifier && isNiladic(col)) continue;
    lambdas ??= lambdaParameters(tokens);
    if (lambdas.has(col.key)) continue;
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
 * The names bound by the lambdas of higher-order functions (`x -> x + 1`, `(acc, x) -> acc + x`):
 * inside the lambda they are variables, not columns.
 */
function lambdaParameters(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  const code = tokens.filter((t) => t.kind !== 'comment');
  for (let i = 1; i < code.length; i++) {
    if (code[i].text !== '->') continue;
    const prev = code[i - 1];
    if (prev.text !== ')') {
      if (prev.kind === 'word' || prev.kind === 'quoted') names.add(identKey(prev));
      continue;
    }
    for (let k = i - 2; k >= 0 && code[k].text !== '('; k--)
      if (code[k].kind === 'word' || code[k].kind === 'quoted') names.add(identKey(code[k]));
  }
  return names;
}

/**
 * Whether a FROM list's column lists are all complete: schema tables that list their columns,
 * CTEs and derived tables whose every output is named and whose `*` expands only over complete
 * references. Remembered per list and per query (a wide select asks once per column).
 */
function completeness(model: QueryModel): (refs: TableRef[]) => boolean {
  const ctes = new Map<string, Cte>(model.ctes.map((c) => [c.key, c]));
  const lists = new WeakMap<TableRef[], boolean>();
  const queries = new WeakMap<Query, boolean>();
  const refComplete = (ref: TableRef): boolean => {
    const t = ref.target;
    if (t.kind === 'schema') return t.table.columns.length > 0;
    if (t.kind === 'cte') {
      const cte = ctes.get(t.cte.toLowerCase());
      return !!cte && (!!cte.columnList?.length || queryComplete(cte.query));
    }
    if (t.kind === 'derived') return !!ref.subquery && queryComplete(ref.subquery);
    return false;
  };
  const queryComplete = (q: Query): boolean => {
    const known = queries.get(q);
    if (known !== undefined) return known;
    queries.set(q, false); // a cycle proves nothing
    const first = q.selects[0];
    const ok =
      !!first &&
      first.items.every((item) => {
        const e = item.expr;
        if (e.kind !== 'star') return item.outputName !== undefined;
        if (!e.qualifier) return listComplete(first.from);
        const key = e.qualifier.toLowerCase();
        const named = first.from.filter((r) => (r.alias?.value.toLowerCase() ?? r.key) === key);
        return named.length > 0 && named.every(refComplete);
      });
    queries.set(q, ok);
    return ok;
  };
  const listComplete = (refs: TableRef[]): boolean => {
    let ok = lists.get(refs);
    if (ok === undefined) {
      ok = refs.every(refComplete);
      lists.set(refs, ok);
    }
    return ok;
  };
  return listComplete;
}

function describe(ref: TableRef): string {
  const t = ref.target;
  if (t.kind === 'schema') return `table '${t.table.name}'`;
  if (t.kind === 'cte') return `CTE '${t.cte}'`;
  return ref.alias ? `derived table '${ref.alias.value}'` : 'the derived table';
}

function message(col: ColumnRef, lists: TableRef[][]): string {
  const shown = col.qualifier ? `${col.qualifier.value}.${col.name}` : col.name;
  const scope = col.qualifier && col.resolved ? [col.resolved.table] : lists.flat();
  const named = scope.slice(0, 4).map(describe).join(', ');
  const where = scope.length === 1 ? named : `any of ${named}${scope.length > 4 ? ', …' : ''}`;
  const fromSchema = scope.some((r) => r.target.kind === 'schema');
  const what = `Column '${shown}' is not in ${where}${fromSchema ? ' in cleanrooms.schema.json' : ''}`;
  return fromSchema
    ? `${what}. If the schema is current, Spark cannot resolve this name and the service will refuse the query; otherwise add the column to cleanrooms.schema.json or run "Clean Rooms: Refresh Schema". The query was not fully understood, so it cannot be reported VALID.`
    : `${what}: Spark cannot resolve this name and the service will refuse the query. Check the spelling, or add the column to the select list that defines it.`;
}
