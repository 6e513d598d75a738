// Resolution: table references to schema tables / CTEs / derived tables, columns through aliases
// and CTE outputs, the DP user-identifier columns each output carries, and which CTEs and
// subqueries involve DP data. Fills the model in place (it is freshly built for each analysis).
import type { Located, Schema, SchemaTable } from '../types';
import {
  exprChildren,
  type ColumnRef,
  type ColumnTarget,
  type Cte,
  type Expr,
  type OutputColumn,
  type Query,
  type QueryModel,
  type Select,
  type TableRef,
  walkExpr,
} from './model';

/** One select's scope; `outer` links to the enclosing selects (a correlated subquery sees them). */
interface Frame {
  refs: TableRef[];
  select: Select;
  outer: Frame | undefined;
  index?: FrameIndex;
}

/** A frame's lookups, built once on first use so resolving a column is O(1) per frame. */
interface FrameIndex {
  /** Alias (or unaliased name) → the first reference it names. */
  byQualifier: Map<string, TableRef>;
  /** Column key → the first reference whose known columns include it. */
  byColumn: Map<string, TableRef>;
  /** The first reference whose columns are unknown, and how many such references there are. */
  unknown: TableRef | undefined;
  unknowns: number;
  /** Lower-cased output alias → the first select item with it. */
  byAlias: Map<string, Select['items'][number]>;
}

interface Env {
  schema: Schema | undefined;
  ctes: Map<string, Cte>;
}

/** Finds a schema table by name, case-insensitively, quoted or not (see identKey). */
export function findSchemaTable(schema: Schema | undefined, name: string): SchemaTable | undefined {
  const key = name.toLowerCase();
  return schema?.tables.find((t) => t.name.toLowerCase() === key);
}

/**
 * `resolved`: how many leading CTEs (source order) an earlier resolution against this same schema
 * resolved already, with the same CTEs before them (a resumed build's reused ones): a CTE's
 * resolution depends only on the schema and the CTEs before it, so theirs stands.
 */
export function resolveModel(model: QueryModel, schema: Schema | undefined, resolved = 0): void {
  const visible = new Map<string, Cte>();
  for (let k = 0; k < model.ctes.length; k++) {
    const cte = model.ctes[k];
    if (k < resolved) {
      visible.set(cte.key, cte);
      continue;
    }
    // Only earlier CTEs are in `visible` yet: a CTE cannot read later ones.
    const env: Env = { schema, ctes: visible };
    cte.involvesDp = resolveQuery(cte.query, env, undefined);
    cte.dependsOn = [
      ...new Set(
        refsIn(cte.query)
          .filter((r) => r.target.kind === 'cte')
          .map((r) => (r.target as { cte: string }).cte.toLowerCase()),
      ),
    ];
    renameOutputs(cte.query, cte.columnList);
    visible.set(cte.key, cte);
  }
  resolveQuery(model.final, { schema, ctes: visible }, undefined);
  model.ctes = dependencyOrder(model.ctes);
  for (const sub of model.subqueries) sub.involvesDp = readsDp(sub.query);
}

/** A column list (`cte (a, b) AS`, `(SELECT ...) t (a, b)`) names a query's outputs in order. */
function renameOutputs(q: Query, list: Located<string>[] | undefined): void {
  if (!list?.length) return;
  q.outputs = list.map((c, i) => ({
    name: c.value,
    key: c.value.toLowerCase(),
    span: c.span,
    userIdOf: q.outputs[i]?.userIdOf,
  }));
}

/** Whether a table reference reads DP data. */
export function isDpRef(ref: TableRef): boolean {
  const t = ref.target;
  if (t.kind === 'schema') return !!t.table.userIdColumn;
  if (t.kind === 'cte') return t.involvesDp;
  if (t.kind === 'derived') return !!ref.subquery && readsDp(ref.subquery);
  return false;
}

/**
 * Whether any table reference inside a resolved query (nested subqueries included) reads DP data.
 * Remembered per query: nested derived tables ask it of every level, which would otherwise
 * rescan the whole nest once per level.
 */
const dpQueries = new WeakMap<Query, boolean>();

function readsDp(q: Query): boolean {
  const known = dpQueries.get(q);
  if (known !== undefined) return known;
  const inExpr = (e: Expr): boolean =>
    (e.kind === 'subquery' && readsDp(e.subquery.query)) || exprChildren(e).some(inExpr);
  const dp =
    q.selects.some(
      (sel) =>
        sel.from.some((ref) => isDpRef(ref) || (!!ref.join?.on && inExpr(ref.join.on))) ||
        selectExprs(sel).some(inExpr),
    ) || (q.orderBy?.items ?? []).some(inExpr);
  dpQueries.set(q, dp);
  return dp;
}

/** Every table reference inside a query, nested subqueries included. */
export function refsIn(q: Query): TableRef[] {
  const out: TableRef[] = [];
  const visitQuery = (query: Query) => {
    for (const sel of query.selects) {
      for (const ref of sel.from) {
        out.push(ref);
        if (ref.subquery) visitQuery(ref.subquery);
        if (ref.join?.on) visitExpr(ref.join.on);
      }
      for (const e of selectExprs(sel)) visitExpr(e);
    }
    for (const e of query.orderBy?.items ?? []) visitExpr(e);
  };
  const visitExpr = (e: Expr) => {
    if (e.kind === 'subquery') visitQuery(e.subquery.query);
    for (const c of exprChildren(e)) visitExpr(c);
  };
  visitQuery(q);
  return out;
}

/** The expressions of a select outside FROM: items, WHERE, GROUP BY, HAVING, QUALIFY. */
export function selectExprs(sel: Select): Expr[] {
  return [
    ...sel.items.map((i) => i.expr),
    ...(sel.where ? [sel.where] : []),
    ...(sel.groupBy?.items ?? []),
    ...(sel.having ? [sel.having] : []),
    ...(sel.qualify ? [sel.qualify] : []),
  ];
}

function dependencyOrder(ctes: Cte[]): Cte[] {
  const byKey = new Map(ctes.map((c) => [c.key, c]));
  const done = new Set<string>();
  const out: Cte[] = [];
  const visit = (c: Cte, depth: number) => {
    if (done.has(c.key) || depth > ctes.length) return;
    for (const d of c.dependsOn) {
      const dep = byKey.get(d);
      if (dep && dep !== c) visit(dep, depth + 1);
    }
    if (!done.has(c.key)) {
      done.add(c.key);
      out.push(c);
    }
  };
  for (const c of ctes) visit(c, 0);
  return out;
}

/** Resolves a query; returns whether it involves DP data. */
function resolveQuery(q: Query, env: Env, outer: Frame | undefined): boolean {
  let dp = false;
  for (const sel of q.selects) {
    for (const ref of sel.from) {
      if (ref.kind === 'derived' && ref.subquery) {
        resolveQuery(ref.subquery, env, outer);
        renameOutputs(ref.subquery, ref.columnList);
      } else if (ref.key !== undefined) {
        const cte = env.ctes.get(ref.key);
        if (cte) {
          ref.target = {
            kind: 'cte',
            cte: cte.name,
            involvesDp: cte.involvesDp,
            outputs: cte.query.outputs,
          };
        } else {
          const table = findSchemaTable(env.schema, ref.name ?? '');
          if (table) ref.target = { kind: 'schema', table };
        }
      }
      if (isDpRef(ref)) dp = true;
    }
    const frame: Frame = { refs: sel.from, select: sel, outer };
    for (const ref of sel.from) if (ref.join?.on) resolveExpr(ref.join.on, frame, env);
    for (const e of selectExprs(sel)) if (resolveExpr(e, frame, env)) dp = true;
  }
  const last = q.selects[q.selects.length - 1];
  if (last)
    for (const e of q.orderBy?.items ?? []) {
      resolveExpr(e, { refs: last.from, select: last, outer }, env);
      // After a set operator ORDER BY names the combined output (the first select's names), which
      // the last select's scope does not show: nothing is known to be missing there.
      if (q.selects.length > 1)
        walkExpr(e, (x) => void (x.kind === 'column' && delete x.ref.notFoundIn));
    }
  q.outputs = outputsOf(q);
  return dp;
}

/** Resolves the columns of an expression; returns whether a subquery in it involves DP data. */
function resolveExpr(e: Expr, frame: Frame, env: Env): boolean {
  let dp = false;
  if (e.kind === 'column') resolveColumn(e.ref, frame);
  if (e.kind === 'subquery' && resolveQuery(e.subquery.query, env, frame)) dp = true;
  for (const c of exprChildren(e)) if (resolveExpr(c, frame, env)) dp = true;
  return dp;
}

/** `aliasChain` holds the columns whose alias lookup led here: `SELECT b AS a, a AS b` is a cycle. */
function resolveColumn(col: ColumnRef, innermost: Frame, aliasChain = new Set<ColumnRef>()): void {
  for (let frame: Frame | undefined = innermost; frame; frame = frame.outer) {
    const index = indexOf(frame);
    if (col.qualifier) {
      const ref = index.byQualifier.get(col.qualifier.value);
      if (ref) {
        col.resolved = target(ref, col.key);
        const cols = columnsOf(ref);
        // Spark reads `q.name` as field `name` of a column `q` when the table `q` lacks it.
        if (
          cols &&
          !columnByKey(cols).has(col.key) &&
          !columnInScope(col.qualifier.value, innermost)
        )
          col.notFoundIn = fromLists(innermost);
        return;
      }
      continue;
    }
    // The first reference that has the column, else the only one whose columns are unknown.
    const known = index.byColumn.get(col.key);
    if (known) {
      col.resolved = target(known, col.key);
      return;
    }
    if (index.unknowns === 1) {
      col.resolved = target(index.unknown!, col.key);
      return;
    }
    // GROUP BY / ORDER BY / HAVING may name an output alias of the select.
    const item = index.byAlias.get(col.key);
    if (
      item &&
      item.expr.kind === 'column' &&
      item.expr.ref !== col &&
      !aliasChain.has(item.expr.ref)
    ) {
      if (!item.expr.ref.resolved) resolveColumn(item.expr.ref, frame, aliasChain.add(col));
      col.resolved = item.expr.ref.resolved;
      return;
    }
    // An item's own alias is not in scope inside it (`SELECT x + 1 AS x`).
    if (item && !(item.span.start <= col.span.start && col.span.end <= item.span.end)) return;
  }
  // A qualifier no reference answers to may be a struct column's (`s.f`, `t.s.f`): nothing known.
  if (!col.qualifier) col.notFoundIn = fromLists(innermost);
}

/** The FROM lists a name is looked up in: the frame's and its enclosing selects'. */
function fromLists(innermost: Frame): TableRef[][] {
  const out: TableRef[][] = [];
  for (let frame: Frame | undefined = innermost; frame; frame = frame.outer) out.push(frame.refs);
  return out;
}

/** Whether a known column of some reference in scope has the key. */
function columnInScope(key: string, innermost: Frame): boolean {
  for (let frame: Frame | undefined = innermost; frame; frame = frame.outer)
    if (indexOf(frame).byColumn.has(key)) return true;
  return false;
}

function indexOf(frame: Frame): FrameIndex {
  if (frame.index) return frame.index;
  const index: FrameIndex = {
    byQualifier: new Map(),
    byColumn: new Map(),
    unknown: undefined,
    unknowns: 0,
    byAlias: new Map(),
  };
  for (const r of frame.refs) {
    const key = refKey(r);
    if (key !== undefined && !index.byQualifier.has(key)) index.byQualifier.set(key, r);
    // An unaliased reference also answers to its name as written.
    if (r.alias === undefined && r.key !== undefined && !index.byQualifier.has(r.key))
      index.byQualifier.set(r.key, r);
    const cols = columnsOf(r);
    if (cols === undefined) {
      index.unknowns++;
      index.unknown ??= r;
    } else for (const c of cols) if (!index.byColumn.has(c.key)) index.byColumn.set(c.key, r);
  }
  for (const item of frame.select.items) {
    const alias = item.alias?.value.toLowerCase();
    if (alias !== undefined && !index.byAlias.has(alias)) index.byAlias.set(alias, item);
  }
  frame.index = index;
  return index;
}

function refKey(r: TableRef): string | undefined {
  return r.alias ? r.alias.value.toLowerCase() : r.key;
}

function target(ref: TableRef, key: string): ColumnTarget {
  const cols = columnsOf(ref);
  const out = cols && columnByKey(cols).get(key);
  let userIdOf: string[] = out?.userIdOf ?? [];
  if (ref.target.kind === 'schema' && ref.target.table.userIdColumn?.toLowerCase() === key)
    userIdOf = [ref.target.table.name];
  return { table: ref, column: out?.name ?? key, userIdOf, dp: isDpRef(ref) };
}

/** The first column with each key, built once per column list: resolution asks for every column. */
const columnMaps = new WeakMap<OutputColumn[], Map<string, OutputColumn>>();

function columnByKey(cols: OutputColumn[]): Map<string, OutputColumn> {
  let map = columnMaps.get(cols);
  if (!map) {
    map = new Map();
    for (const c of cols) if (!map.has(c.key)) map.set(c.key, c);
    columnMaps.set(cols, map);
  }
  return map;
}

/** A schema table's columns per reference, built once: resolution asks for them for every column. */
const schemaColumns = new WeakMap<TableRef, { table: SchemaTable; columns: OutputColumn[] }>();

/** The columns a table reference offers, or undefined when unknown. */
export function columnsOf(ref: TableRef): OutputColumn[] | undefined {
  const t = ref.target;
  if (t.kind === 'schema') {
    const uid = t.table.userIdColumn;
    if (!t.table.columns.length) return undefined;
    const hit = schemaColumns.get(ref);
    if (hit?.table === t.table) return hit.columns;
    const columns = t.table.columns.map((c) => ({
      name: c.name,
      key: c.name.toLowerCase(),
      span: ref.span,
      ...(uid && uid.toLowerCase() === c.name.toLowerCase() ? { userIdOf: [t.table.name] } : {}),
    }));
    schemaColumns.set(ref, { table: t.table, columns });
    return columns;
  }
  if (t.kind === 'cte') return t.outputs;
  if (t.kind === 'derived') return ref.subquery?.outputs;
  return undefined;
}

function outputsOf(q: Query): OutputColumn[] {
  const branches = q.selects.map(selectOutputs);
  const first = branches[0] ?? [];
  return first.map((o, i) => {
    const ids = new Set(branches.flatMap((b) => b[i]?.userIdOf ?? []));
    return { ...o, ...(ids.size ? { userIdOf: [...ids] } : {}) };
  });
}

function selectOutputs(sel: Select): OutputColumn[] {
  const out: OutputColumn[] = [];
  let byKey: Map<string, TableRef[]> | undefined;
  for (const item of sel.items) {
    const e = item.expr;
    if (e.kind === 'star') {
      byKey ??= groupByKey(sel.from);
      const refs = e.qualifier ? (byKey.get(e.qualifier.toLowerCase()) ?? []) : sel.from;
      for (const r of refs) {
        const cols = columnsOf(r);
        if (cols) for (const c of cols) out.push({ ...c, span: item.span });
        else if (r.target.kind === 'schema' && r.target.table.userIdColumn) {
          out.push({
            name: r.target.table.userIdColumn,
            key: r.target.table.userIdColumn.toLowerCase(),
            span: item.span,
            userIdOf: [r.target.table.name],
          });
        }
      }
      continue;
    }
    const name = item.outputName ?? '';
    const ids = e.kind === 'column' ? (e.ref.resolved?.userIdOf ?? []) : [];
    out.push({
      name,
      key: name.toLowerCase(),
      span: item.alias?.span ?? item.span,
      ...(ids.length ? { userIdOf: ids } : {}),
    });
  }
  return out;
}

/** References by refKey, in FROM order: a select of many `t.*` items looks each up once. */
function groupByKey(refs: TableRef[]): Map<string, TableRef[]> {
  const out = new Map<string, TableRef[]>();
  for (const r of refs) {
    const key = refKey(r);
    if (key === undefined) continue;
    const group = out.get(key);
    if (group) group.push(r);
    else out.set(key, [r]);
  }
  return out;
}
