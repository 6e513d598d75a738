// RUL001: a disallowed output column (the custom rule's disallowedOutputColumns) may not appear in
// the final SELECT, directly, transformed (COUNT(age), CONCAT(name, email), a window's PARTITION BY
// or ORDER BY, inline or in the WINDOW clause a call names), through `SELECT *`, or through an
// alias, CTE or subquery that carries it. It may be used anywhere else (WHERE, JOIN ... ON, inside
// CTEs, a named window no call uses). AWS Clean Rooms refuses such a query
// when it runs (User Guide, "Configured table disallowed columns").
//
// Lineage: every output of a query carries the schema columns its expression reads, through
// aliases, CTEs (with or without a column list), derived tables, scalar subqueries and set
// operations. A `*` over a table whose columns the schema does not list carries all its columns.
import type { Diagnostic, SchemaTable } from '../../types';
import {
  walkExpr,
  type ColumnRef,
  type Expr,
  type Query,
  type QueryModel,
  type Select,
  type TableRef,
} from '../../sql/model';
import { ruleRelated, type AnalysisRuleCheck } from './context';

/** A schema column an output is computed from; `column` undefined: any column of the table. */
interface Source {
  table: SchemaTable;
  column?: string;
}

interface Output {
  /** Lower-cased output name; undefined for unnamed expressions and unknown `*` columns. */
  key?: string;
  sources: Source[];
  /** Stands for the unlisted columns of a table under `*`. */
  wildcard?: boolean;
}

/** CTE and subquery nesting beyond this is not followed (the model caps nesting too). */
const MAX_DEPTH = 64;

export const disallowedOutputColumns: AnalysisRuleCheck = {
  code: 'RUL001',
  name: 'DisallowedOutputColumn',
  summary: 'final SELECT outputs a disallowed output column',
  check({ model }) {
    // Only a query that reads a table with disallowed columns can output one.
    if (
      !model.tables.some(
        (r) => r.target.kind === 'schema' && r.target.table.disallowedOutputColumns?.value.length,
      )
    )
      return [];
    const lineage = lineageOf(model);
    const out: Diagnostic[] = [];
    // `OVER w` shares the WINDOW clause's expressions: each is reported once, however many calls name it.
    const reported = new Set<Expr>();
    for (const sel of model.final.selects) {
      for (const item of sel.items) {
        if (item.expr.kind === 'star') {
          const shown = disallowedIn(
            lineage.star(sel, item.expr.qualifier, 0).flatMap((o) => o.sources),
          );
          if (shown.length)
            out.push(
              report(
                `SELECT ${item.expr.qualifier ? `${item.expr.qualifier}.` : ''}* outputs ${describe(shown)}`,
                shown,
                item.span,
              ),
            );
          continue;
        }
        walkReads(item.expr, (e) => {
          if (reported.has(e)) return;
          reported.add(e);
          const sources =
            e.kind === 'column'
              ? lineage.column(e.ref, [sel.from], 0)
              : e.kind === 'subquery'
                ? lineage.query(e.subquery.query, [sel.from], 1).flatMap((o) => o.sources)
                : [];
          const shown = disallowedIn(sources);
          if (!shown.length) return;
          const direct =
            e.kind === 'column' &&
            shown.length === 1 &&
            e.ref.resolved?.table.target.kind === 'schema';
          const what = direct
            ? `Column ${describe(shown)} is`
            : `${e.kind === 'column' ? `'${e.ref.name}'` : 'This subquery'} carries ${describe(shown)}, which is`;
          out.push(report(`${what} a disallowed output column`, shown, e.span));
        });
      }
    }
    return out;
  },
};

function report(lead: string, shown: Source[], span: { start: number; end: number }): Diagnostic {
  const tables = [...new Set(shown.map((s) => s.table))];
  return {
    code: 'RUL001',
    severity: 'error',
    message: `${lead}: the analysis rule does not let ${shown.length > 1 ? 'these columns' : 'it'} appear in the final SELECT, even transformed or through an alias, CTE or subquery. AWS Clean Rooms will refuse to run this query. Use ${shown.length > 1 ? 'them' : 'it'} only outside the final select list (in WHERE, JOIN ... ON, or inside a CTE).`,
    span,
    related: tables.flatMap((t) => ruleRelated(t, 'disallowedOutputColumns')),
  };
}

const describe = (shown: Source[]) =>
  shown.map((s) => `'${s.column}' of '${s.table.name}'`).join(', ');

/** The disallowed columns among `sources`, each once (`*` sources stand for all of them). */
function disallowedIn(sources: Source[]): Source[] {
  const out = new Map<string, Source>();
  for (const s of sources) {
    for (const d of s.table.disallowedOutputColumns?.value ?? []) {
      if (s.column !== undefined && s.column.toLowerCase() !== d.toLowerCase()) continue;
      out.set(`${s.table.name}\u0000${d.toLowerCase()}`, { table: s.table, column: d });
    }
  }
  return [...out.values()];
}

/** Column references and subqueries of an expression (a subquery's inside is its own query). */
function walkReads(e: Expr, visit: (e: Expr) => void): void {
  walkExpr(e, (x) => {
    if (x.kind === 'column' || x.kind === 'subquery') visit(x);
  });
}

const refKey = (r: TableRef) => (r.alias ? r.alias.value.toLowerCase() : r.key);

function lookup(outputs: Output[], key: string): Source[] {
  const named = outputs.filter((o) => o.key === key);
  if (named.length) return named.flatMap((o) => o.sources);
  return outputs
    .filter((o) => o.wildcard)
    .flatMap((o) => o.sources.map((s) => ({ table: s.table, column: s.column ?? key })));
}

function lineageOf(model: QueryModel) {
  const memo = new Map<Query, Output[]>();

  const query = (q: Query, outer: TableRef[][], depth: number): Output[] => {
    const known = memo.get(q);
    if (known) return known;
    if (depth > MAX_DEPTH) return [];
    const branches = q.selects.map((sel) => select(sel, [sel.from, ...outer], depth));
    const first = branches[0] ?? [];
    // A set operation's output i is computed from output i of every branch.
    const outputs = first.map((o, i) => ({
      ...o,
      sources: branches.flatMap((b) => b[i]?.sources ?? []),
    }));
    memo.set(q, outputs);
    return outputs;
  };

  // Loops rather than flatMap: a 500 KB query has thousands of selects, and allocation is its cost.
  const select = (sel: Select, frames: TableRef[][], depth: number): Output[] => {
    const outputs: Output[] = [];
    for (const item of sel.items) {
      if (item.expr.kind === 'star') {
        for (const o of star(sel, item.expr.qualifier, depth)) outputs.push(o);
        continue;
      }
      const sources: Source[] = [];
      walkReads(item.expr, (e) => {
        const found =
          e.kind === 'column'
            ? column(e.ref, frames, depth)
            : e.kind === 'subquery'
              ? query(e.subquery.query, frames, depth + 1).flatMap((o) => o.sources)
              : [];
        for (const f of found) sources.push(f);
      });
      outputs.push({ key: item.outputName?.toLowerCase(), sources });
    }
    return outputs;
  };

  const star = (sel: Select, qualifier: string | undefined, depth: number): Output[] => {
    const refs = qualifier
      ? sel.from.filter((r) => refKey(r) === qualifier.toLowerCase())
      : sel.from;
    return refs.flatMap((r) => relation(r, depth));
  };

  /** The outputs a FROM item offers. */
  const relation = (ref: TableRef, depth: number): Output[] => {
    const t = ref.target;
    if (t.kind === 'schema') {
      const names = new Map<string, string>();
      for (const c of [
        ...t.table.columns.map((c) => c.name),
        ...(t.table.disallowedOutputColumns?.value ?? []),
      ])
        names.set(c.toLowerCase(), c);
      if (!t.table.columns.length) return [{ wildcard: true, sources: [{ table: t.table }] }];
      return [...names].map(([key, name]) => ({
        key,
        sources: [{ table: t.table, column: name }],
      }));
    }
    if (t.kind === 'cte') {
      const cte = model.ctes.find((c) => c.name === t.cte);
      if (!cte || depth > MAX_DEPTH) return [];
      const outputs = query(cte.query, [], depth + 1);
      return cte.columnList?.length
        ? outputs.map((o, i) => ({ ...o, key: cte.columnList![i]?.value.toLowerCase() ?? o.key }))
        : outputs;
    }
    if (t.kind === 'derived' && ref.subquery) return query(ref.subquery, [], depth + 1);
    return [];
  };

  /** The schema columns a column reference reads. */
  const column = (col: ColumnRef, frames: TableRef[][], depth: number): Source[] => {
    const r = col.resolved;
    if (r)
      return r.table.target.kind === 'schema'
        ? [{ table: r.table.target.table, column: r.column }]
        : lookup(relation(r.table, depth), r.column.toLowerCase());
    // Unresolved (ambiguous, or a table whose columns are unknown): every FROM item of the
    // nearest scope that may hold it, so a disallowed column is not missed.
    const key = col.key.toLowerCase();
    for (const refs of frames) {
      const candidates = col.qualifier
        ? refs.filter(
            (x) =>
              refKey(x) === col.qualifier!.value.toLowerCase() ||
              x.key === col.qualifier!.value.toLowerCase(),
          )
        : refs;
      const found = candidates.flatMap((x) => lookup(relation(x, depth), key));
      if (found.length) return found;
    }
    return [];
  };

  return { query, column, star };
}
