// Clean Rooms: Show Remaining Runs (how many more times the active template can run against
// its collaboration's differential-privacy budget) and Clean Rooms: Preview Privacy Impact (what
// a budget with another epsilon and users noise per query would allow). Both count the
// template's final-SELECT aggregations by type with the language server's model.
import * as vscode from 'vscode';
import type { DpAggregationCounts } from '../../../common/protocol';
import type { AwsContext } from '../awsContext';
import {
  AGGREGATION_LABEL,
  EPSILON_RANGE,
  NOISE_RANGE,
  describeRefresh,
  describeUses,
  membershipBudgets,
  previewPrivacyImpact,
  runsLeft,
  type BudgetAggregation,
  type PrivacyBudget,
} from '../aws/privacyBudget';
import { parseTemplateFile } from '../aws/templateFile';
import { activeTemplateDocument, isTemplateDocument, withProgress } from '../templateDocument';
import type { TreeNode } from '../views/collaborationsTree';
import { pickMembership } from './pickMembership';

const REMAINING = 'Show remaining runs';
const PREVIEW = 'Preview privacy impact';

/** What the commands return (for tests and other callers): the message shown, and the runs when known. */
export interface BudgetAnswer {
  message: string;
  runs?: number;
}

export function registerPrivacyBudgetCommands(ctx: AwsContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cleanrooms.showRemainingRuns', () => showRemainingRuns(ctx)),
    vscode.commands.registerCommand('cleanrooms.previewPrivacyImpact', (node?: TreeNode) =>
      previewImpact(ctx, node),
    ),
  ];
}

async function showRemainingRuns(ctx: AwsContext): Promise<BudgetAnswer | undefined> {
  const doc = activeTemplateDocument(REMAINING);
  if (!doc) return undefined;
  const template = await templateOf(ctx, doc, REMAINING);
  if (!template) return undefined;
  const membershipId = await membershipFor(ctx, doc, REMAINING);
  if (!membershipId) return undefined;
  let budgets: PrivacyBudget[];
  try {
    budgets = await withProgress('Reading the privacy budget…', async () =>
      membershipBudgets(
        await ctx.client(),
        membershipId,
        (err) => ctx.failure('Reading the privacy budget template', err).message,
      ),
    );
  } catch (err) {
    ctx.reportFailure(REMAINING, err);
    return undefined;
  }
  const budget = budgets[0];
  if (!budget)
    return show(
      `${REMAINING}: this collaboration has no differential-privacy budget, so "${template.name}" is not limited by one.`,
      undefined,
    );
  const answer = budgetAnswer(
    template,
    budget.aggregations,
    `on the current budget, which ${describeRefresh(budget.autoRefresh)}`,
  );
  return show(answer.message, answer.runs);
}

/** From the budget's context menu, the collaboration is the budget's; else the active template's, or asked. */
async function previewImpact(ctx: AwsContext, node?: TreeNode): Promise<BudgetAnswer | undefined> {
  const editor = vscode.window.activeTextEditor?.document;
  const doc = editor && isTemplateDocument(editor) ? editor : undefined;
  const template = doc ? await templateOf(ctx, doc, PREVIEW) : undefined;
  const fromTree = node?.kind === 'budget' ? node.membershipId : undefined;
  const membershipId =
    fromTree ??
    (doc
      ? await membershipFor(ctx, doc, PREVIEW)
      : (await pickMembership(ctx, PREVIEW, 'Membership whose collaboration to preview'))?.id);
  if (!membershipId) return undefined;
  const epsilon = await askInteger(
    'Epsilon',
    'Privacy budget epsilon: higher allows more queries with less privacy',
    EPSILON_RANGE,
  );
  if (epsilon === undefined) return undefined;
  const noise = await askInteger(
    'Users noise per query',
    'Noise added per query, in users: higher protects more and allows fewer queries',
    NOISE_RANGE,
  );
  if (noise === undefined) return undefined;
  let impact: BudgetAggregation[];
  try {
    impact = await withProgress('Previewing the privacy impact…', async () =>
      previewPrivacyImpact(await ctx.client(), membershipId, epsilon, noise),
    );
  } catch (err) {
    ctx.reportFailure(PREVIEW, err);
    return undefined;
  }
  const allows = impact.map((a) => `${AGGREGATION_LABEL[a.type]} ${a.max}`).join(', ');
  const head = `With epsilon ${epsilon} and ${noise} users noise per query, a budget period allows: ${allows}.`;
  if (!template) return show(head, undefined);
  const answer = budgetAnswer(template, impact, 'per budget period');
  return show(`${head} ${answer.message}`, answer.runs);
}

interface TemplateUse {
  name: string;
  uses: DpAggregationCounts;
}

async function templateOf(
  ctx: AwsContext,
  doc: vscode.TextDocument,
  operation: string,
): Promise<TemplateUse | undefined> {
  let verdict;
  try {
    verdict = await ctx.localVerdict(doc.uri);
  } catch (err) {
    ctx.log.warn(`${operation}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!verdict) {
    void vscode.window.showErrorMessage(
      `${operation}: the language server could not count the template's aggregations. Run "Clean Rooms: Restart Language Server" and try again.`,
    );
    return undefined;
  }
  const file = parseTemplateFile(doc.getText());
  return {
    name: file.name ?? vscode.workspace.asRelativePath(doc.uri),
    uses: verdict.aggregations,
  };
}

async function membershipFor(
  ctx: AwsContext,
  doc: vscode.TextDocument,
  operation: string,
): Promise<string | undefined> {
  return (
    parseTemplateFile(doc.getText()).membership ??
    (await pickMembership(ctx, operation, 'Membership (collaboration) the template runs in'))?.id
  );
}

function budgetAnswer(
  template: TemplateUse,
  available: BudgetAggregation[],
  where: string,
): BudgetAnswer {
  const left = runsLeft(template.uses, available);
  if (left.runs === undefined) {
    return {
      message: `"${template.name}" computes no COUNT, COUNT DISTINCT, SUM, AVG or STDDEV in its final SELECT, so it spends no privacy budget.`,
    };
  }
  const byType = new Map(available.map((a) => [a.type, a]));
  const limits = left.limitedBy
    .map(
      (t) =>
        `${AGGREGATION_LABEL[t]}: ${byType.get(t)?.remaining ?? 0} left, ${template.uses[t]} per run`,
    )
    .join('; ');
  const missing = left.missing.length
    ? ` The budget lists no ${left.missing.map((t) => AGGREGATION_LABEL[t]).join(', ')}.`
    : '';
  return {
    runs: left.runs,
    message: `"${template.name}" (${describeUses(template.uses)} per run) can run ${left.runs} more time(s) ${where}; ${limits}.${missing}`,
  };
}

function show(message: string, runs: number | undefined): BudgetAnswer {
  const notify =
    runs === 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void notify(message);
  return { message, ...(runs !== undefined ? { runs } : {}) };
}

async function askInteger(
  title: string,
  prompt: string,
  range: { min: number; max: number },
): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${PREVIEW}: ${title}`,
    prompt: `${prompt} (a whole number from ${range.min} to ${range.max})`,
    ignoreFocusOut: true,
    validateInput: (v) =>
      integerIn(v, range) === undefined
        ? `Enter a whole number from ${range.min} to ${range.max}.`
        : undefined,
  });
  return text === undefined ? undefined : integerIn(text, range);
}

function integerIn(text: string, range: { min: number; max: number }): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= range.min && n <= range.max
    ? n
    : undefined;
}
