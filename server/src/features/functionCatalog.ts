// What differential privacy allows for each function, as editor text (completion and hover). The
// knowledge is the core's catalog (server/src/core/catalog) and its dpAllowance(), which the DP
// rules read too; this module only words it and adds snippets.
import {
  dpAllowance,
  FUNCTIONS,
  functionEntry,
  type Allowance,
  type FunctionEntry,
} from '../core/catalog';

export interface FunctionInfo extends FunctionEntry {
  /** Snippet body after the name, e.g. `(${1:expr})`. */
  args?: string;
}

const ARGS: Record<string, string> = {
  COUNT: '(DISTINCT ${1:user_id})',
  CAST: '(${1:expr} AS ${2:type})',
  EXTRACT: '(${1:part} FROM ${2:expr})',
  CURRENT_DATE: '',
  PI: '()',
  RANDOM: '()',
  ROW_NUMBER: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
  RANK: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
  DENSE_RANK: '() OVER (PARTITION BY ${1:user_id} ORDER BY ${2:expr})',
};

const withArgs = (e: FunctionEntry): FunctionInfo =>
  ARGS[e.name] !== undefined ? { ...e, args: ARGS[e.name] } : e;

export function functionInfo(name: string): FunctionInfo | undefined {
  const e = functionEntry(name);
  return e && withArgs(e);
}

/** Completion offers what the Spark engine documents and what the DP pages name, not legacy or undocumented built-ins. */
export function allFunctions(): FunctionInfo[] {
  return FUNCTIONS.filter((f) => f.source === 'spark' || f.source === 'dp-docs').map(withArgs);
}

/** Where the function is used: `final` (final SELECT), `cte` (CTE or derived table), or unknown. */
export type FunctionPlace = 'final' | 'cte' | undefined;

/** What DP allows for a call of `info` written in its usual form (window-only functions with OVER). */
export function allowanceAt(info: FunctionEntry, place: 'final' | 'cte'): Allowance {
  return dpAllowance(info, place, { over: info.kind === 'window', aggregateSyntax: false });
}

const WORDS: Record<Allowance, string> = {
  yes: 'allowed',
  maybe: 'not documented (the service may reject it)',
  no: 'not allowed',
};
const PLACES = { final: 'in the final SELECT', cte: 'in a CTE over DP data' } as const;

/** One line on what DP allows for `info` at `place` (both places when unknown). */
export function dpStatement(info: FunctionEntry, place: FunctionPlace): string {
  const at = (p: 'final' | 'cte') => `${WORDS[allowanceAt(info, p)]} ${PLACES[p]}`;
  const base = place ? `DP: ${at(place)}.` : `DP: ${at('final')}; ${at('cte')}.`;
  const rules = `(rule${info.rules.length > 1 ? 's' : ''} ${info.rules.join(', ')})`;
  const conditions: string[] = [];
  if (place !== 'final' && allowanceAt(info, 'cte') === 'yes') {
    if (info.kind === 'aggregate')
      conditions.push('In a CTE over DP data, group by the user identifier column.');
    if (info.kind === 'window')
      conditions.push('Only in CTEs, with the user identifier column in PARTITION BY.');
  }
  if (info.kind === 'aggregate' && place !== 'final' && info.window !== allowanceAt(info, 'cte')) {
    conditions.push(`As a window function (OVER): ${WORDS[info.window]}.`);
  }
  if (info.note) conditions.push(info.note);
  return [base, rules, ...conditions].join(' ');
}
