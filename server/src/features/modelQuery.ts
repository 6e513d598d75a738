// Lookups over the query model that several editor features share (scope at an offset,
// what a qualifier names, whether a position is under the final-SELECT or the CTE rules).
import type { Query, QueryModel, Scope, Select, TableRef } from '../core/sql/model';
import { columnsOf } from '../core/sql/resolve';
import type { Span } from '../core/types';
import type { FunctionPlace } from './functionCatalog';

export const contains = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

export function allSelects(model: QueryModel): Select[] {
  const queries: Query[] = [
    ...model.ctes.map((c) => c.query),
    model.final,
    ...model.subqueries.map((s) => s.query),
  ];
  return queries.flatMap((q) => q.selects);
}

/** The innermost SELECT whose span contains `offset`. */
export function selectAt(model: QueryModel, offset: number): Select | undefined {
  let best: Select | undefined;
  for (const sel of allSelects(model)) {
    if (
      contains(sel.span, offset) &&
      (!best || sel.span.end - sel.span.start < best.span.end - best.span.start)
    )
      best = sel;
  }
  return best;
}

const refLabel = (ref: TableRef) => ref.alias?.value ?? ref.name;

/** The table reference `qualifier` names, preferring the SELECT at `offset`. */
export function refForQualifier(
  model: QueryModel,
  offset: number,
  qualifier: string,
): TableRef | undefined {
  const q = qualifier.toLowerCase();
  const matches = (r: TableRef) =>
    refLabel(r)?.toLowerCase() === q || (!r.alias && r.name?.toLowerCase() === q);
  return selectAt(model, offset)?.from.find(matches) ?? model.tables.find(matches);
}

export interface ColumnOption {
  name: string;
  /** The alias or table name it is reached through. */
  via: string;
  type?: string;
  /** The DP tables whose user identifier this column is. */
  userIdOf: string[];
}

export function columnOptions(ref: TableRef): ColumnOption[] {
  const types =
    ref.target.kind === 'schema'
      ? new Map(ref.target.table.columns.map((c) => [c.name.toLowerCase(), c.type]))
      : undefined;
  return (columnsOf(ref) ?? [])
    .filter((c) => c.name)
    .map((c) => ({
      name: c.name,
      via: refLabel(ref) ?? '',
      type: types?.get(c.key),
      userIdOf: c.userIdOf ?? [],
    }));
}

/** Which DP rule set governs a position: the final SELECT's or the CTEs' (derived tables follow CTE rules). */
export function placeOf(scope: Scope | undefined): FunctionPlace {
  if (!scope) return undefined;
  if (scope.kind === 'final') return 'final';
  if (scope.kind === 'cte') return 'cte';
  return scope.clause === 'from' || scope.clause === 'join' ? 'cte' : placeOf(scope.outer);
}

/** The query reads at least one table with differential privacy. */
export function isDpQuery(model: QueryModel): boolean {
  return model.tables.some((r) => r.target.kind === 'schema' && !!r.target.table.userIdColumn);
}
