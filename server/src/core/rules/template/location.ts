// @membership and @arn, written by the create/fetch commands, must be ids the service accepts.
import type { Diagnostic } from '../../types';
import type { TemplateCheck } from '../params/context';
import { isTemplateArn } from '../../arn';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const templateLocation: TemplateCheck = {
  code: 'TPL008',
  name: 'MembershipIdInvalid',
  summary: '`@membership` not a membership id',
  also: [
    { code: 'TPL009', name: 'TemplateArnInvalid', summary: '`@arn` not an analysis-template ARN' },
    { code: 'TPL010', name: 'ArnMembershipMismatch', summary: '`@arn` and `@membership` disagree' },
  ],
  check({ template }) {
    const out: Diagnostic[] = [];
    const m = template.membership;
    if (m && !UUID.test(m.value)) {
      const lower = m.value.toLowerCase();
      out.push({
        code: 'TPL008',
        severity: 'error',
        message: `@membership '${m.value}' is not a membership id (a lower-case UUID like 1b2c3d4e-0000-1111-2222-333344445555).`,
        span: m.span,
        fixes: UUID.test(lower)
          ? [
              {
                title: 'Use lower case',
                preferred: true,
                edits: [{ span: m.span, newText: lower }],
              },
            ]
          : [],
      });
    }
    const a = template.arn;
    if (a && !isTemplateArn(a.value)) {
      out.push({
        code: 'TPL009',
        severity: 'error',
        message: `@arn '${a.value}' is not an analysis template ARN (arn:aws:cleanrooms:REGION:ACCOUNT:membership/ID/analysistemplate/ID). Fetch the template again to rewrite it.`,
        span: a.span,
      });
    }
    if (
      a &&
      m &&
      UUID.test(m.value) &&
      isTemplateArn(a.value) &&
      !a.value.includes(`:membership/${m.value}/`)
    ) {
      out.push({
        code: 'TPL010',
        severity: 'warning',
        message: `@arn belongs to a different membership than @membership ${m.value}. Update and delete act on the @arn's membership.`,
        span: a.span,
        related: [{ message: '@membership', target: 'template', span: m.span }],
      });
    }
    return out;
  },
};
