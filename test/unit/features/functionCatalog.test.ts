// The catalog is the one source of DP function knowledge: for every entry, what hover says about a
// call in the final SELECT and in a DP CTE must be what the DP rules decide for that very call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { FUNCTIONS, functionEntry, type FunctionEntry } from '../../../server/src/core/catalog';
import { buildContext } from '../../../server/src/core/rules/dp/context';
import { runDpRules } from '../../../server/src/core/rules/dp';
import { dpStatement } from '../../../server/src/features/functionCatalog';
import { hoverAt } from '../../../server/src/features/hover';
import { documentAnalysis } from '../../support/documentAnalysis';
import { schemaOf, TABLES } from '../dp/helpers';

const schema = schemaOf(TABLES);
const OPTIONS = { subqueries: 'current-docs' as const };
/** Codes that judge a function call itself (not the query around it). */
const CALL_CODES = new Set([
  'DP017',
  'DP019',
  'DP020',
  'DP028',
  'DP031',
  'DP036',
  'DP037',
  'DP038',
]);

function call(f: FunctionEntry, arg: string, place: 'final' | 'cte'): string {
  const over =
    f.kind === 'window'
      ? place === 'cte'
        ? ' OVER (PARTITION BY loyalty_number ORDER BY age)'
        : ' OVER (ORDER BY age)'
      : '';
  return `${f.name}(${arg})${over}`;
}

function queryFor(f: FunctionEntry, place: 'final' | 'cte'): string {
  const aggregate = f.kind === 'aggregate';
  if (place === 'final') {
    return aggregate
      ? `SELECT city, ${call(f, 'salary', place)} AS v FROM members GROUP BY city`
      : `SELECT ${call(f, 'city', place)} AS k, COUNT(*) AS n FROM members GROUP BY 1`;
  }
  const body = aggregate
    ? `SELECT loyalty_number, ${call(f, 'salary', place)} AS v FROM members GROUP BY loyalty_number`
    : `SELECT loyalty_number, ${call(f, 'city', place)} AS k FROM members`;
  return `WITH c AS (${body}) SELECT COUNT(DISTINCT loyalty_number) AS n FROM c`;
}

function hoverVerdict(text: string, offset: number): string {
  const result = analyze(text, schema, OPTIONS);
  const analysis = documentAnalysis(text, result);
  const hover = hoverAt(analysis, offset, undefined);
  const value =
    hover && typeof hover.contents === 'object' && 'value' in hover.contents
      ? hover.contents.value
      : '';
  const line = value.split('\n').find((l) => l.startsWith('DP:')) ?? '';
  return /^DP: not allowed/.test(line)
    ? 'error'
    : /^DP: not documented/.test(line)
      ? 'warning'
      : /^DP: allowed/.test(line)
        ? 'none'
        : `no DP line in ${JSON.stringify(value)}`;
}

function ruleVerdict(text: string, nameStart: number, nameEnd: number): string {
  const result = analyze(text, schema, OPTIONS);
  const ctx = buildContext(result.template, result.model!, schema, OPTIONS);
  const found = runDpRules(ctx).filter(
    (d) => CALL_CODES.has(d.code) && d.span.start <= nameStart && nameEnd <= d.span.end,
  );
  return found.some((d) => d.severity === 'error')
    ? 'error'
    : found.some((d) => d.severity === 'warning')
      ? 'warning'
      : 'none';
}

test('for every catalog entry, hover states what the DP rules decide (final SELECT and DP CTE)', () => {
  const mismatches: string[] = [];
  // CAST and TRY_CAST are cast expressions in the model, not calls (DP044 covers them).
  for (const f of FUNCTIONS.filter((e) => e.name !== 'CAST' && e.name !== 'TRY_CAST')) {
    for (const place of ['final', 'cte'] as const) {
      const sql = queryFor(f, place);
      const text = `-- @name t\n${sql}`;
      const at = text.indexOf(`${f.name}(`);
      const fromHover = hoverVerdict(text, at + 1);
      const fromRules = ruleVerdict(text, at, at + 1);
      if (fromHover !== fromRules)
        mismatches.push(`${f.name} in ${place}: hover ${fromHover}, rules ${fromRules}  (${sql})`);
    }
  }
  assert.deepEqual(mismatches, []);
});

test('for every aggregate, hover states what the rules decide for its window form in a DP CTE', () => {
  const words = { none: 'allowed', warning: 'not documented', error: 'not allowed' } as const;
  const mismatches: string[] = [];
  for (const f of FUNCTIONS.filter((e) => e.kind === 'aggregate')) {
    const text = `-- @name t\nWITH c AS (SELECT loyalty_number, ${f.name}(salary) OVER (PARTITION BY loyalty_number) AS v FROM members) SELECT COUNT(DISTINCT loyalty_number) AS n FROM c`;
    const at = text.indexOf(`${f.name}(`);
    const fromRules = ruleVerdict(text, at, at + 1) as keyof typeof words;
    const statement = dpStatement(f, 'cte');
    const stated =
      /As a window function \(OVER\): ([^.]+)\./.exec(statement)?.[1] ??
      /^DP: ([a-z ]+?) in a CTE/.exec(statement)?.[1] ??
      '';
    if (!stated.startsWith(words[fromRules]))
      mismatches.push(`${f.name} OVER: hover '${stated}', rules ${fromRules}`);
  }
  assert.deepEqual(mismatches, []);
});

test('the catalog covers the cases the rules once disagreed on', () => {
  assert.equal(
    functionEntry('stddev_samp')?.final,
    'yes',
    'DP028 accepts STDDEV_SAMP (synonym of STDDEV)',
  );
  assert.equal(functionEntry('PERCENTILE_APPROX')?.kind, 'aggregate');
  assert.equal(functionEntry('DECIMAL'), undefined, 'a type, not a function');
  const names = FUNCTIONS.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, 'one entry per name');
  for (const f of FUNCTIONS) assert.ok(f.rules.length > 0, `${f.name} has its rule numbers`);
});
