// What a column name in the SQL stands for, for go to definition, references, rename and hover:
// a column of a schema table, an output column of a CTE, or an output alias of a SELECT
// (`ORDER BY reach` names `COUNT(...) AS reach`). Read from the model's resolved column
// references, so comments and strings are never involved.
import type { ColumnRef, Cte, Query, QueryModel, SelectItem } from '../core/sql/model';
import type { Located, SchemaTable, Span } from '../core/types';
import { contains } from './modelQuery';

export type ColumnOrigin =
  | { kind: 'schema'; table: SchemaTable; column: string }
  | { kind: 'cte'; cte: Cte; key: string }
  | { kind: 'output'; query: Query; item: SelectItem & { alias: Located<string> } };

function queries(model: QueryModel): Query[] {
  return [...model.ctes.map((c) => c.query), model.final, ...model.subqueries.map((s) => s.query)];
}

/** The query whose ORDER BY, or one of whose SELECTs, holds the reference (the innermost). */
function queryAround(model: QueryModel, col: ColumnRef): Query | undefined {
  let best: Query | undefined;
  for (const q of queries(model)) {
    const inside =
      q.selects.some((s) => contains(s.span, col.span.start)) ||
      (q.orderBy && contains(q.orderBy.span, col.span.start));
    if (inside && (!best || q.span.end - q.span.start < best.span.end - best.span.start)) best = q;
  }
  return best;
}

/**
 * An unqualified name in GROUP BY / HAVING / ORDER BY that names an output alias of its query
 * (and is not a column of the same name in the FROM clause).
 */
function outputAliasOf(model: QueryModel, col: ColumnRef): ColumnOrigin | undefined {
  if (col.qualifier || !['groupBy', 'having', 'orderBy'].includes(col.clause)) return undefined;
  if (col.resolved && col.resolved.column.toLowerCase() === col.key) return undefined;
  const query = queryAround(model, col);
  const item = query?.selects
    .flatMap((s) => s.items)
    .find((i) => i.alias?.value.toLowerCase() === col.key);
  return query && item?.alias
    ? { kind: 'output', query, item: item as SelectItem & { alias: Located<string> } }
    : undefined;
}

/** The model's CTEs by key, built once per model: every column reference asks. */
const cteIndex = new WeakMap<QueryModel, Map<string, Cte>>();

function ctesByKey(model: QueryModel): Map<string, Cte> {
  let index = cteIndex.get(model);
  if (!index) {
    index = new Map(model.ctes.map((c) => [c.key, c]));
    cteIndex.set(model, index);
  }
  return index;
}

/** What a column reference stands for. */
export function originOfRef(model: QueryModel, col: ColumnRef): ColumnOrigin | undefined {
  const alias = outputAliasOf(model, col);
  if (alias) return alias;
  const target = col.resolved?.table.target;
  if (!col.resolved || !target) return undefined;
  const key = col.resolved.column.toLowerCase();
  if (target.kind === 'schema') {
    const column = target.table.columns.find((c) => c.name.toLowerCase() === key);
    return column ? { kind: 'schema', table: target.table, column: column.name } : undefined;
  }
  if (target.kind === 'cte') {
    const cte = ctesByKey(model).get(target.cte.toLowerCase());
    return cte?.query.outputs.some((o) => o.key === key) ? { kind: 'cte', cte, key } : undefined;
  }
  return undefined;
}

/** The column under the cursor: a reference (not its qualifier), an `AS name`, or a CTE's column list entry. */
export function columnAt(
  model: QueryModel,
  offset: number,
): { origin: ColumnOrigin; span: Span; ref?: ColumnRef } | undefined {
  const ref = model.columns.find(
    (c) => contains(c.span, offset) && !(c.qualifier && contains(c.qualifier.span, offset)),
  );
  if (ref) {
    const origin = originOfRef(model, ref);
    return origin && { origin, span: ref.span, ref };
  }
  for (const cte of model.ctes) {
    const listed = cte.columnList?.find((c) => contains(c.span, offset));
    if (listed)
      return { origin: { kind: 'cte', cte, key: listed.value.toLowerCase() }, span: listed.span };
  }
  for (const query of queries(model)) {
    for (const [n, sel] of query.selects.entries()) {
      const item = sel.items.find((i) => i.alias && contains(i.alias.span, offset));
      if (!item?.alias) continue;
      const cte = model.ctes.find((c) => c.query === query);
      // A CTE's outputs are named by its first SELECT (unless it lists its columns).
      const origin: ColumnOrigin =
        cte && n === 0 && !cte.columnList?.length
          ? { kind: 'cte', cte, key: item.alias.value.toLowerCase() }
          : { kind: 'output', query, item: item as SelectItem & { alias: Located<string> } };
      return { origin, span: item.alias.span };
    }
  }
  return undefined;
}

/** The select item that produces a CTE's output column, when one does by name or position. */
export function itemOfOutput(cte: Cte, key: string): SelectItem | undefined {
  const first = cte.query.selects[0];
  if (!first) return undefined;
  const listed = cte.columnList?.findIndex((c) => c.value.toLowerCase() === key) ?? -1;
  if (cte.columnList?.length)
    return first.items.some((i) => i.expr.kind === 'star') ? undefined : first.items[listed];
  return first.items.find((i) => i.outputName?.toLowerCase() === key);
}

/** Where the column is named in the template: its `AS`, a CTE's column list entry, or the item passing it through. */
export function declarationSpan(origin: ColumnOrigin): Span | undefined {
  if (origin.kind === 'output') return origin.item.alias.span;
  if (origin.kind === 'schema') return undefined;
  const listed = origin.cte.columnList?.find((c) => c.value.toLowerCase() === origin.key);
  if (listed) return listed.span;
  const item = itemOfOutput(origin.cte, origin.key);
  return item ? (item.alias?.span ?? item.expr.span) : undefined;
}

/** The name part of a reference (after `qualifier.`). */
export function nameSpan(col: ColumnRef, text: string): Span {
  if (!col.qualifier) return col.span;
  const dot = text.lastIndexOf('.', col.span.end - 1);
  return dot >= col.span.start ? { start: dot + 1, end: col.span.end } : col.span;
}

/** One key per column: equal keys for the same column. */
const keyOf = (o: ColumnOrigin): string | SelectItem =>
  o.kind === 'schema'
    ? `s\0${o.table.name.toLowerCase()}\0${o.column.toLowerCase()}`
    : o.kind === 'cte'
      ? `c\0${o.cte.key}\0${o.key}`
      : o.item;

/** The references of each column, in text order, built once per model (one pass). */
const useIndex = new WeakMap<QueryModel, Map<string | SelectItem, ColumnRef[]>>();

/** Every reference to the column, in text order. */
export function columnUses(model: QueryModel, origin: ColumnOrigin): ColumnRef[] {
  let index = useIndex.get(model);
  if (!index) {
    index = new Map();
    for (const c of [...model.columns].sort((a, b) => a.span.start - b.span.start)) {
      const o = originOfRef(model, c);
      if (!o) continue;
      const uses = index.get(keyOf(o));
      if (uses) uses.push(c);
      else index.set(keyOf(o), [c]);
    }
    useIndex.set(model, index);
  }
  return index.get(keyOf(origin)) ?? [];
}

/** The column's type, followed through CTE outputs and aliases that pass a column on. */
export function columnType(model: QueryModel, origin: ColumnOrigin, depth = 0): string | undefined {
  if (origin.kind === 'schema')
    return origin.table.columns.find((c) => c.name === origin.column)?.type;
  if (depth > model.ctes.length + 1) return undefined;
  const item = origin.kind === 'cte' ? itemOfOutput(origin.cte, origin.key) : origin.item;
  if (item?.expr.kind !== 'column') return undefined;
  const next = originOfRef(model, item.expr.ref);
  return next && columnType(model, next, depth + 1);
}
