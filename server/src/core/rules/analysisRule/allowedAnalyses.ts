// RUL002: a table whose custom rule lists the analysis templates it allows (allowedAnalyses of
// template ARNs, without ANY_QUERY) refuses every other template when it runs, and one with an
// empty list refuses every query. ANY_JOB allows PySpark jobs only, so it allows no SQL template.
import { isTemplateArn } from '../../arn';
import type { Diagnostic } from '../../types';
import { referencedTables, ruleRelated, type AnalysisRuleCheck } from './context';

export const allowedAnalyses: AnalysisRuleCheck = {
  code: 'RUL002',
  name: 'AnalysisNotAllowed',
  summary: "template not among the table's `allowedAnalyses`",
  check({ template, model }) {
    const out: Diagnostic[] = [];
    const arn = template.arn && isTemplateArn(template.arn.value) ? template.arn.value : undefined;
    // A malformed @arn is TPL009's; comparing it would only repeat that error.
    if (template.arn && !arn) return out;
    for (const { table, ref } of referencedTables(model)) {
      const allowed = table.allowedAnalyses?.value;
      if (!allowed || allowed.includes('ANY_QUERY') || (arn && allowed.includes(arn))) continue;
      const owner = table.creatorAccountId ? ` (account ${table.creatorAccountId})` : '';
      const templates = allowed.filter(isTemplateArn).length;
      const listed =
        allowed.length === 0
          ? `Table '${table.name}' allows no analyses (its analysis rule's allowedAnalyses is empty), so no query on it can run.`
          : templates === 0
            ? `Table '${table.name}' allows PySpark jobs only (its analysis rule's allowedAnalyses is ANY_JOB), no SQL template.`
            : `Table '${table.name}' allows only the ${templates} analysis template(s) its analysis rule lists in allowedAnalyses${allowed.includes('ANY_JOB') ? ' (and PySpark jobs)' : ''}.`;
      const fate =
        templates === 0
          ? ` AWS Clean Rooms will refuse to run this template until the table owner${owner} allows it.`
          : arn
            ? ` This template (${arn}) is not one of them: AWS Clean Rooms will refuse to run it until the table owner${owner} adds its ARN.`
            : ` This template has no @arn yet; once created it gets a new ARN, which the table owner${owner} must add to allowedAnalyses before it can run.`;
      out.push({
        code: 'RUL002',
        severity: 'warning',
        message: listed + fate,
        span: ref.nameSpan ?? ref.span,
        related: ruleRelated(table, 'allowedAnalyses'),
      });
    }
    return out;
  },
};
