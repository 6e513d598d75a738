// Rules on the statement as a whole: only SELECT (11), one statement (12), the 8 KB limit (9).
import { OTHER_STATEMENTS } from '../../sql/keywordRoles';
import { utf8Length } from '../../text';
import { finding, type DpRule } from './context';

const DP_MAX_BYTES = 8192;

export const onlySelect: DpRule = {
  code: 'DP011',
  name: 'NotSelect',
  summary: 'not a SELECT',
  rules: [11],
  check: ({ model }) => {
    const kw = model.statement;
    if (!OTHER_STATEMENTS.has(kw.value)) return [];
    return [
      finding(
        'error',
        `Only SELECT queries are allowed in an analysis template; '${kw.value}' statements are not. Write a SELECT (optionally with WITH ... CTEs).`,
        kw.span,
      ),
    ];
  },
};

export const oneStatement: DpRule = {
  code: 'DP012',
  name: 'MultipleStatements',
  summary: 'more than one statement',
  rules: [12],
  check: ({ model }) =>
    model.extraStatements.map((span) =>
      finding(
        'error',
        'A template holds exactly one query ([WITH ...] SELECT); remove this second statement or combine it into the first with CTEs.',
        span,
      ),
    ),
};

export const dpTextLimit: DpRule = {
  code: 'DP009',
  name: 'QueryTooLong',
  summary: 'DP query text over 8 KB',
  rules: [9],
  check: ({ template, isDp }) => {
    if (!isDp) return [];
    const bytes = utf8Length(template.body);
    if (bytes <= DP_MAX_BYTES) return [];
    // Find the first character whose bytes overflow the limit.
    let used = 0;
    let i = 0;
    for (; i < template.body.length; i++) {
      const c = template.body.codePointAt(i)!;
      const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (used + size > DP_MAX_BYTES) break;
      used += size;
      if (c >= 0x10000) i++;
    }
    return [
      finding(
        'error',
        `The query text is ${bytes} bytes; queries on differential-privacy tables are limited to 8 KB (${DP_MAX_BYTES} bytes); this is where the limit is crossed. Shorten it by ${bytes - DP_MAX_BYTES} bytes (comments and indentation count).`,
        crossingSpan(template.body, i, template.bodyStart),
      ),
    ];
  },
};

/** Longest DP009 range: the word where the limit is crossed, not the rest of the file. */
const MAX_CROSSING_LENGTH = 32;

/**
 * From the character that crosses the limit (or the next non-space one: a squiggle on whitespace is
 * invisible) to the end of its word, at most MAX_CROSSING_LENGTH characters.
 */
function crossingSpan(body: string, at: number, base: number): { start: number; end: number } {
  let start = at;
  while (start < body.length && /\s/.test(body[start])) start++;
  if (start === body.length) start = at;
  let end = start + 1;
  while (end < body.length && end - start < MAX_CROSSING_LENGTH && !/\s/.test(body[end])) end++;
  // Never split a surrogate pair.
  if (end < body.length && /[\uDC00-\uDFFF]/.test(body[end])) end++;
  return { start: base + start, end: base + Math.min(end, body.length) };
}
