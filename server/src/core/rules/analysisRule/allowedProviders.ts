// RUL003: with allowedAnalyses ANY_QUERY, a table runs the queries of the accounts in its
// allowedAnalysisProviders only. A template's provider is the account that created it, the
// account field of its @arn; before the template exists that account is not known here, and an
// absent or empty provider list says nothing we can check.
import { templateArnAccount } from '../../arn';
import type { Diagnostic } from '../../types';
import { referencedTables, ruleRelated, type AnalysisRuleCheck } from './context';

export const allowedProviders: AnalysisRuleCheck = {
  code: 'RUL003',
  name: 'AnalysisProviderNotAllowed',
  summary: "template's account not among the table's `allowedAnalysisProviders`",
  check({ template, model }) {
    const out: Diagnostic[] = [];
    const arn = template.arn?.value;
    const account = arn && templateArnAccount(arn);
    if (!account) return out;
    for (const { table, ref } of referencedTables(model)) {
      const allowed = table.allowedAnalyses?.value;
      const providers = table.allowedAnalysisProviders?.value;
      // A listed ARN is allowed whoever created it; without ANY_QUERY, RUL002 speaks.
      if (
        !allowed?.includes('ANY_QUERY') ||
        allowed.includes(arn) ||
        !providers?.length ||
        providers.includes(account)
      )
        continue;
      out.push({
        code: 'RUL003',
        severity: 'warning',
        message: `This template was created by account ${account}, which is not among the analysis providers table '${table.name}' allows (allowedAnalysisProviders: ${providers.join(', ')}). AWS Clean Rooms will refuse to run it until the table owner${table.creatorAccountId ? ` (account ${table.creatorAccountId})` : ''} adds ${account} to allowedAnalysisProviders.`,
        span: ref.nameSpan ?? ref.span,
        related: ruleRelated(table, 'allowedAnalysisProviders'),
      });
    }
    return out;
  },
};
