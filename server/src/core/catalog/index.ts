// Lookups over the function catalog, and the one decision every DP rule and the editor share:
// what differential privacy allows for a call of a given name, at a given place, in a given form.
import { FUNCTIONS, type Allowance, type FunctionEntry } from './functions';

export type { Allowance, FunctionEntry, FunctionKind, FunctionSource } from './functions';
export { FUNCTIONS } from './functions';

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

/** The catalog entry for a name (any case), if the engine knows it. */
export function functionEntry(name: string): FunctionEntry | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** Where a call sits for the DP rules: a CTE (or derived table) over DP data, or the final SELECT. */
export type DpPlace = 'cte' | 'final';

export interface CallForm {
  /** Written with an OVER clause. */
  over: boolean;
  /** Written with syntax only aggregates take (DISTINCT, FILTER, WITHIN GROUP). */
  aggregateSyntax: boolean;
}

/**
 * What DP allows for a call of `entry` (undefined: a name the engine does not document) at
 * `place`. An unknown name written like an aggregate or a window function is rejected: the
 * allow-lists of rules 17, 19 and 28 are closed; an unknown scalar is only undocumented (rule 38).
 */
export function dpAllowance(
  entry: FunctionEntry | undefined,
  place: DpPlace,
  form: CallForm,
): Allowance {
  if (form.over) return place === 'final' ? 'no' : (entry?.window ?? 'no');
  if (!entry) return form.aggregateSyntax ? 'no' : 'maybe';
  return place === 'final' ? entry.final : entry.cte;
}

/** Whether a call of this name and form is an aggregate (collapses rows). */
export function isAggregateCall(entry: FunctionEntry | undefined, form: CallForm): boolean {
  if (form.over) return false;
  return entry ? entry.kind === 'aggregate' : form.aggregateSyntax;
}
