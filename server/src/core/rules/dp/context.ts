// What every DP rule reads: the resolved model plus the facts several rules share (is this a DP
// query, which CTEs and derived tables must follow the CTE rules, which selects are final).
import type {
  AnalyzeOptions,
  Diagnostic,
  RelatedInfo,
  Schema,
  SchemaTable,
  Severity,
  Span,
  Template,
} from '../../types';
import {
  exprChildren,
  walkExpr,
  type Cte,
  type Expr,
  type FunctionCall,
  type Query,
  type QueryModel,
  type Select,
  type TableRef,
} from '../../sql/model';
import { isDpRef, refsIn, selectExprs } from '../../sql/resolve';
import type { CodeInfo } from '../../codes';

export interface DpContext {
  template: Template;
  model: QueryModel;
  schema: Schema | undefined;
  options: AnalyzeOptions;
  /** References to schema tables with differential privacy, in source order. */
  dpTables: TableRef[];
  /** Rule 1: the query references at least one DP table. */
  isDp: boolean;
  /** Queries the CTE rules (15–22) apply to: DP CTEs, and DP derived tables under current-docs. */
  cteLike: CteLike[];
  /** Selects of the final query that read DP data. */
  finalSelects: Select[];
}

export interface CteLike {
  /** For messages: `CTE 'name'` or `the derived table`. */
  label: string;
  query: Query;
  cte?: Cte;
}

/** What a rule reports: a diagnostic without its code and rule numbers, which the rule states once. */
export type Finding = Omit<Diagnostic, 'code' | 'rules'>;

/** `code`: `DP` + the rule number it is named after (docs/diagnostics.md has a section per code). */
export interface DpRule extends CodeInfo {
  /** Every dp-rules.md rule it implements. */
  rules: number[];
  check(ctx: DpContext): Finding[];
}

export function buildContext(
  template: Template,
  model: QueryModel,
  schema: Schema | undefined,
  options: AnalyzeOptions,
): DpContext {
  const dpTables = model.tables.filter(
    (r) => r.target.kind === 'schema' && !!r.target.table.userIdColumn,
  );
  const cteLike: CteLike[] = model.ctes
    .filter((c) => c.involvesDp)
    .map((c) => ({ label: `CTE '${c.name}'`, query: c.query, cte: c }));
  if (options.subqueries === 'current-docs') {
    for (const sub of model.subqueries) {
      if ((sub.clause === 'from' || sub.clause === 'join') && sub.involvesDp)
        cteLike.push({ label: 'the derived table', query: sub.query });
    }
  }
  const finalSelects = model.final.selects.filter((sel) => sel.from.some(isDpRef));
  return {
    template,
    model,
    schema,
    options,
    dpTables,
    isDp: dpTables.length > 0,
    cteLike,
    finalSelects,
  };
}

export function finding(
  severity: Severity,
  message: string,
  span: Span,
  extra: Pick<Finding, 'related' | 'fixes'> = {},
): Finding {
  return { severity, message, span, ...extra };
}

/** The schema declaration of a DP table, when the schema file gave its position. */
export function schemaRelated(table: SchemaTable): RelatedInfo[] {
  if (!table.span) return [];
  return [
    {
      message: `'${table.name}' is declared here${table.userIdColumn ? ` with user identifier column '${table.userIdColumn}'` : ''}.`,
      target: 'schema',
      span: table.dpSpan ?? table.span,
    },
  ];
}

/** The DP schema tables a query reads (through CTEs too). */
export function dpSourcesOf(q: Query, model: QueryModel): SchemaTable[] {
  const seen = new Set<SchemaTable>();
  const visit = (query: Query, depth: number) => {
    for (const r of refsIn(query)) {
      if (r.target.kind === 'schema' && r.target.table.userIdColumn) seen.add(r.target.table);
      if (r.target.kind === 'cte' && depth < 50) {
        const name = r.target.cte;
        const cte = model.ctes.find((c) => c.name === name);
        if (cte) visit(cte.query, depth + 1);
      }
    }
  };
  visit(q, 0);
  return [...seen];
}

/**
 * How to write the user identifier column inside `sel`: qualified with the alias of the DP
 * relation it comes from when the select reads several tables.
 */
export function userIdExpression(sel: Select): { text: string; ref: TableRef } | undefined {
  for (const ref of sel.from) {
    if (!isDpRef(ref)) continue;
    let col: string | undefined;
    if (ref.target.kind === 'schema') col = ref.target.table.userIdColumn;
    else if (ref.target.kind === 'cte')
      col = ref.target.outputs.find((o) => o.userIdOf?.length)?.name;
    else if (ref.subquery) col = ref.subquery.outputs.find((o) => o.userIdOf?.length)?.name;
    if (!col) continue;
    const qualifier = ref.alias?.value ?? ref.name;
    return { text: sel.from.length > 1 && qualifier ? `${qualifier}.${col}` : col, ref };
  }
  return undefined;
}

/** A GROUP BY item, with Spark's ordinals (`GROUP BY 1`) read as the select item they name. */
export function groupedExpr(sel: Select, e: Expr): Expr {
  if (e.kind !== 'literal' || !/^[1-9]\d*$/.test(e.text)) return e;
  return sel.items[Number(e.text) - 1]?.expr ?? e;
}

/**
 * In a select that groups or aggregates, the columns of its select list (and of `also`: its HAVING
 * and ORDER BY) that are neither GROUP BY items
 * (by expression, alias or ordinal) nor inside an aggregate: Spark rejects them ("neither present
 * in the group by, nor is it an aggregate function"), and they would be row-level values. Only
 * columns resolved to a table, CTE or derived table count (not names such as CURRENT_DATE).
 */
export function ungroupedColumns(sel: Select, text: string, also: Expr[] = []): Expr[] {
  if (!sel.groupBy && !sel.aggregates.length) return [];
  if (sel.groupBy?.extended.length) return []; // DP035's
  const items = (sel.groupBy?.items ?? []).map((e) => groupedExpr(sel, e));
  const norm = (e: Expr) => text.slice(e.span.start, e.span.end).replace(/\s+/g, '').toLowerCase();
  const texts = new Set(items.map(norm));
  const sameColumn = (a: Expr, b: Expr) =>
    a.kind === 'column' &&
    b.kind === 'column' &&
    !!a.ref.resolved &&
    a.ref.resolved.table === b.ref.resolved?.table &&
    a.ref.resolved.column.toLowerCase() === b.ref.resolved.column.toLowerCase();
  const isGrouped = (e: Expr) => texts.has(norm(e)) || items.some((g) => sameColumn(g, e));
  // GROUP BY may name a select item's alias.
  const aliases = new Set(
    items.flatMap((g) => (g.kind === 'column' && !g.ref.qualifier ? [g.ref.key] : [])),
  );
  // HAVING and ORDER BY may name a select item's alias (`SUM(clicks) AS clicks ... ORDER BY clicks`).
  const outputs = new Set(sel.items.flatMap((i) => (i.alias ? [i.alias.value.toLowerCase()] : [])));
  const out: Expr[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr, clause: boolean) => {
    if (isGrouped(e) || (e.kind === 'function' && e.call.aggregate) || e.kind === 'subquery')
      return;
    if (e.kind === 'column') {
      if (clause && !e.ref.qualifier && outputs.has(e.ref.key)) return;
      if (e.ref.resolved && !seen.has(norm(e))) {
        seen.add(norm(e));
        out.push(e);
      }
      return;
    }
    for (const c of exprChildren(e)) visit(c, clause);
  };
  for (const item of sel.items) {
    if (item.alias && aliases.has(item.alias.value.toLowerCase())) continue;
    visit(item.expr, false);
  }
  for (const e of also) visit(e, true);
  return out;
}

/** Whether an expression is a column carrying a DP user identifier. */
export function isUserIdColumn(e: Expr): boolean {
  return e.kind === 'column' && !!e.ref.resolved?.userIdOf.length;
}

/** Every function call in the select's own expressions (not in nested subqueries). */
export function callsIn(sel: Select, query?: Query): FunctionCall[] {
  const out: FunctionCall[] = [];
  const exprs = [
    ...selectExprs(sel),
    ...sel.from.flatMap((r) => (r.join?.on ? [r.join.on] : [])),
    ...(query?.orderBy?.items ?? []),
  ];
  for (const e of exprs) walkExpr(e, (x) => x.kind === 'function' && out.push(x.call));
  return out;
}

/** Every select anywhere: CTE bodies, the final query and nested queries. */
export function allSelects(model: QueryModel): { sel: Select; query: Query }[] {
  const queries = [
    ...model.ctes.map((c) => c.query),
    model.final,
    ...model.subqueries.map((s) => s.query),
  ];
  return queries.flatMap((query) => query.selects.map((sel) => ({ sel, query })));
}
