// Constructs rejected everywhere in a DP query: extended GROUP BY (35), array functions (36),
// SQL the service does not accept, with its documented alternative (37).
import type { Fix } from '../../types';
import type { UnsupportedSyntax } from '../../sql/model';
import { functionEntry } from '../../catalog';
import { allSelects, finding, type Finding, type DpRule } from './context';

/** Calls the catalog leaves to `rule` alone (array functions: 36; CONVERT: 37). */
const decidedBy = (rule: number) => (name: string) => !!functionEntry(name)?.rules.includes(rule);
const arrayFunction = decidedBy(36);
const rejectedCall = decidedBy(37);

export const noExtendedGroupBy: DpRule = {
  code: 'DP035',
  name: 'GroupingSets',
  summary: 'GROUPING SETS / ROLLUP / CUBE',
  rules: [35],
  check: (ctx) =>
    allSelects(ctx.model).flatMap(({ sel }) =>
      (sel.groupBy?.extended ?? []).map((ext) =>
        finding(
          'error',
          `${ext.value} is not supported in differential-privacy queries; GROUP BY the columns directly (run one query per grouping level if you need subtotals).`,
          ext.span,
        ),
      ),
    ),
};

export const noArrayFunctions: DpRule = {
  code: 'DP036',
  name: 'ArrayFunction',
  summary: 'array function',
  rules: [36],
  check: (ctx) =>
    ctx.model.functions
      .filter((f) => arrayFunction(f.name))
      .map((f) =>
        finding(
          'error',
          `${functionEntry(f.name)!.kind === 'generator' ? 'Table-generating' : 'Array'} function ${f.name} is not supported in differential-privacy queries; work on scalar columns (for example with CASE or string functions) instead.`,
          f.span,
        ),
      ),
};

const ALTERNATIVES: Record<UnsupportedSyntax['kind'], [string, string]> = {
  'double-colon-cast': ['The :: cast operator', 'CAST(x AS type)'],
  caret: ['The ^ operator', 'POWER(x, y)'],
  'cube-root-op': ['The ||/ operator', 'CBRT(x)'],
  'square-root-op': ['The |/ operator', 'SQRT(x)'],
  sysdate: ['SYSDATE', 'CURRENT_DATE'],
  top: ['TOP n', 'LIMIT n at the end of the query'],
  convert: ['CONVERT(type, x)', 'CAST(x AS type)'],
  'interval-literal': [
    'An INTERVAL literal with the unit inside the quotes',
    "INTERVAL '1' SECOND",
  ],
};

export const unsupportedSyntax: DpRule = {
  code: 'DP037',
  name: 'UnsupportedSql',
  summary: 'SQL the service rejects (`::`, `^`, TOP, SYSDATE…)',
  rules: [37],
  check: (ctx) => {
    const out: Finding[] = [];
    const text = ctx.template.text;
    for (const u of ctx.model.unsupported) {
      const [what, instead] = ALTERNATIVES[u.kind];
      const fixes: Fix[] = [];
      if (u.replacement !== undefined)
        fixes.push({
          title: `Replace with ${u.replacement}`,
          edits: [{ span: u.span, newText: u.replacement }],
          preferred: true,
        });
      if (
        u.kind === 'top' &&
        u.queryEnd !== undefined &&
        u.queryEnd === ctx.model.final.span.end &&
        !ctx.model.final.limit
      ) {
        const after = text[u.span.end] === ' ' ? 1 : 0;
        fixes.push({
          title: `Replace TOP ${u.limit} with LIMIT ${u.limit}`,
          edits: [
            { span: { start: u.span.start, end: u.span.end + after }, newText: '' },
            { span: { start: u.queryEnd, end: u.queryEnd }, newText: `\nLIMIT ${u.limit}` },
          ],
          preferred: true,
        });
      }
      out.push(
        finding(
          'error',
          `${what} is not supported in differential-privacy queries; use ${u.replacement ?? instead}.`,
          u.span,
          fixes.length ? { fixes } : {},
        ),
      );
    }
    for (const f of ctx.model.functions.filter((c) => rejectedCall(c.name))) {
      out.push(
        finding(
          'error',
          `${f.name} is not supported in differential-privacy queries. ${functionEntry(f.name)!.note ?? ''}`.trim(),
          f.nameSpan,
        ),
      );
    }
    out.sort((a, b) => a.span.start - b.span.start);
    return out;
  },
};
