// Resolution: table references to schema tables / CTEs / derived tables, columns through aliases
// and CTE outputs, the DP user-identifier columns each output carries, and which CTEs and
// subqueries involve DP data. Fills the model in place (it is freshly built for each analysis).
import type { Schema, SchemaTable } from '../types';
import {
  exprChildren, type ColumnRef, type ColumnTarget, type Cte, type Expr, type OutputColumn, type Query, type QueryModel,
  type Select, type TableRef,
} from './model';

interface Frame {
  refs: TableRef[];
  select: Select;
}

interface Env {
  schema: Schema | undefined;
  ctes: Map<string, Cte>;
}

/** Finds a schema table: unquoted names case-insensitively, quoted names exactly. */
export function findSchemaTable(schema: Schema | undefined, name: string, quoted: boolean): SchemaTable | undefined {
  if (!schema) return undefined;
  return quoted ? schema.tables.find((t) => t.name === name) : schema.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

export function resolveModel(model: QueryModel, schema: Schema | undefined): void {
  const visible = new Map<string, Cte>();
  for (const cte of model.ctes) {
    // Only earlier CTEs are in `visible` yet: a CTE cannot read later ones.
    const env: Env = { schema, ctes: visible };
    cte.involvesDp = resolveQuery(cte.query, env, []);
    cte.dependsOn = [...new Set(refsIn(cte.query).filter((r) => r.target.kind === 'cte').map((r) => (r.target as { cte: string }).cte.toLowerCase()))];
    if (cte.columnList?.length) {
      cte.query.outputs = cte.columnList.map((c, i) => ({ name: c.value, key: c.value.toLowerCase(), span: c.span, userIdOf: cte.query.outputs[i]?.userIdOf }));
    }
    visible.set(cte.key, cte);
  }
  resolveQuery(model.final, { schema, ctes: visible }, []);
  model.ctes = dependencyOrder(model.ctes);
  for (const sub of model.subqueries) sub.involvesDp = refsIn(sub.query).some(isDpRef);
}

/** Whether a table reference reads DP data. */
export function isDpRef(ref: TableRef): boolean {
  const t = ref.target;
  if (t.kind === 'schema') return !!t.table.userIdColumn;
  if (t.kind === 'cte') return t.involvesDp;
  // refsIn already reaches into nested derived tables: asking them again would be exponential.
  if (t.kind === 'derived') return !!ref.subquery && refsIn(ref.subquery).some((r) => r.target.kind !== 'derived' && isDpRef(r));
  return false;
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
  return [...sel.items.map((i) => i.expr), ...(sel.where ? [sel.where] : []), ...(sel.groupBy?.items ?? []), ...(sel.having ? [sel.having] : []), ...(sel.qualify ? [sel.qualify] : [])];
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
function resolveQuery(q: Query, env: Env, outer: Frame[]): boolean {
  let dp = false;
  for (const sel of q.selects) {
    for (const ref of sel.from) {
      if (ref.kind === 'derived' && ref.subquery) {
        resolveQuery(ref.subquery, env, outer);
      } else if (ref.key !== undefined) {
        const cte = env.ctes.get(ref.key) ?? (ref.quoted ? undefined : env.ctes.get(ref.key.toLowerCase()));
        if (cte) {
          ref.target = { kind: 'cte', cte: cte.name, involvesDp: cte.involvesDp, outputs: cte.query.outputs };
        } else {
          const table = findSchemaTable(env.schema, ref.name ?? '', !!ref.quoted);
          if (table) ref.target = { kind: 'schema', table };
        }
      }
      if (isDpRef(ref)) dp = true;
    }
    const frame: Frame = { refs: sel.from, select: sel };
    const frames = [frame, ...outer];
    for (const ref of sel.from) if (ref.join?.on) resolveExpr(ref.join.on, frames, env);
    for (const e of selectExprs(sel)) if (resolveExpr(e, frames, env)) dp = true;
  }
  const last = q.selects[q.selects.length - 1];
  if (last) for (const e of q.orderBy?.items ?? []) resolveExpr(e, [{ refs: last.from, select: last }, ...outer], env);
  q.outputs = outputsOf(q);
  return dp;
}

/** Resolves the columns of an expression; returns whether a subquery in it involves DP data. */
function resolveExpr(e: Expr, frames: Frame[], env: Env): boolean {
  let dp = false;
  if (e.kind === 'column') resolveColumn(e.ref, frames);
  if (e.kind === 'subquery' && resolveQuery(e.subquery.query, env, frames)) dp = true;
  for (const c of exprChildren(e)) if (resolveExpr(c, frames, env)) dp = true;
  return dp;
}

function resolveColumn(col: ColumnRef, frames: Frame[]): void {
  for (const frame of frames) {
    if (col.qualifier) {
      const ref = frame.refs.find((r) => refKey(r) === col.qualifier!.value || (r.alias === undefined && r.key === col.qualifier!.value));
      if (ref) {
        col.resolved = target(ref, col.key);
        return;
      }
      continue;
    }
    // The first reference that has the column, else the only one whose columns are unknown.
    let known: TableRef | undefined;
    let unknown: TableRef | undefined;
    let unknowns = 0;
    for (const r of frame.refs) {
      const cols = columnsOf(r);
      if (cols === undefined) {
        unknowns++;
        unknown ??= r;
      } else if (!known && cols.some((c) => c.key === col.key)) known = r;
    }
    if (known) {
      col.resolved = target(known, col.key);
      return;
    }
    if (unknowns === 1) {
      col.resolved = target(unknown!, col.key);
      return;
    }
    // GROUP BY / ORDER BY / HAVING may name an output alias of the select.
    const item = frame.select.items.find((i) => i.alias && i.alias.value.toLowerCase() === col.key);
    if (item && item.expr.kind === 'column' && item.expr.ref !== col) {
      if (!item.expr.ref.resolved) resolveColumn(item.expr.ref, frames);
      col.resolved = item.expr.ref.resolved;
      return;
    }
    if (item) return;
  }
}

function refKey(r: TableRef): string | undefined {
  return r.alias ? r.alias.value.toLowerCase() : r.key;
}

function target(ref: TableRef, key: string): ColumnTarget {
  const cols = columnsOf(ref);
  const out = cols?.find((c) => c.key === key);
  let userIdOf: string[] = out?.userIdOf ?? [];
  if (ref.target.kind === 'schema' && ref.target.table.userIdColumn?.toLowerCase() === key) userIdOf = [ref.target.table.name];
  return { table: ref, column: out?.name ?? key, userIdOf, dp: isDpRef(ref) };
}

/** The columns a table reference offers, or undefined when unknown. */
/** A schema table's columns per reference, built once: resolution asks for them for every column. */
const schemaColumns = new WeakMap<TableRef, { table: SchemaTable; columns: OutputColumn[] }>();

export function columnsOf(ref: TableRef): OutputColumn[] | undefined {
  const t = ref.target;
  if (t.kind === 'schema') {
    const uid = t.table.userIdColumn;
    if (!t.table.columns.length) return undefined;
    const hit = schemaColumns.get(ref);
    if (hit?.table === t.table) return hit.columns;
    const columns = t.table.columns.map((c) => ({
      name: c.name, key: c.name.toLowerCase(), span: ref.span,
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
  for (const item of sel.items) {
    const e = item.expr;
    if (e.kind === 'star') {
      const refs = e.qualifier ? sel.from.filter((r) => refKey(r) === e.qualifier!.toLowerCase()) : sel.from;
      for (const r of refs) {
        const cols = columnsOf(r);
        if (cols) out.push(...cols.map((c) => ({ ...c, span: item.span })));
        else if (r.target.kind === 'schema' && r.target.table.userIdColumn) {
          out.push({ name: r.target.table.userIdColumn, key: r.target.table.userIdColumn.toLowerCase(), span: item.span, userIdOf: [r.target.table.name] });
        }
      }
      continue;
    }
    const name = item.outputName ?? '';
    const ids = e.kind === 'column' ? e.ref.resolved?.userIdOf ?? [] : [];
    out.push({ name, key: name.toLowerCase(), span: item.alias?.span ?? item.span, ...(ids.length ? { userIdOf: ids } : {}) });
  }
  return out;
}
