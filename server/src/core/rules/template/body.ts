// The SQL body (source.text): not empty, at most 500,000 characters (AnalysisTemplateText).
import type { TemplateCheck } from '../params/context';

export const MAX_BODY_LENGTH = 500_000;

export const templateBody: TemplateCheck = {
  code: 'TPL004',
  name: 'TemplateBodyMissing',
  summary: 'no SQL body',
  also: [
    { code: 'TPL005', name: 'TemplateBodyTooLong', summary: 'SQL body over 500,000 characters' },
  ],
  check({ template }) {
    const { body, bodyStart, text } = template;
    if (!body.trim()) {
      const lastLine = text.slice(0, bodyStart).trimEnd();
      // The last line's start, found backwards: a regex anchored at the end would rescan the line from every offset.
      const start = Math.max(lastLine.lastIndexOf('\n'), lastLine.lastIndexOf('\r')) + 1;
      return [
        {
          code: 'TPL004',
          severity: 'error',
          message:
            'The template has no SQL. Write the query below the header, e.g. SELECT COUNT(DISTINCT user_id) FROM ...',
          span: { start, end: lastLine.length },
        },
      ];
    }
    if (body.length > MAX_BODY_LENGTH) {
      return [
        {
          code: 'TPL005',
          severity: 'error',
          message: `The SQL is ${body.length.toLocaleString('en-US')} characters long; the service accepts at most ${MAX_BODY_LENGTH.toLocaleString('en-US')}. Everything from here on is over the limit.`,
          span: { start: bodyStart + MAX_BODY_LENGTH, end: text.length },
        },
      ];
    }
    return [];
  },
};
