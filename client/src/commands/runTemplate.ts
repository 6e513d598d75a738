// Clean Rooms: Run Analysis Template. The template is the tree node's or the one the active
// file's `@arn` names; the run uses the caller's membership that can query in its collaboration.
// Each parameter is asked for (default prefilled) and checked against its declared type before
// anything is sent. A progress notification with Cancel follows the query; on SUCCESS the CSV is
// downloaded with the S3 client and opened in the results table.
import type { CleanRoomsClient } from '@aws-sdk/client-cleanrooms';
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import type { LocalVerdict } from '../../../common/protocol';
import { parseTemplateArn } from '../aws/collaborations';
import {
  AGGREGATION_LABEL,
  describeUses,
  membershipBudgets,
  runsLeft,
  type PrivacyBudget,
} from '../aws/privacyBudget';
import {
  cancelQuery,
  checkParameterValues,
  describeOutcome,
  getQuery,
  isEnded,
  membershipCsvDestination,
  pollQuery,
  queryingMemberships,
  startTemplateQuery,
  type QueryState,
  type S3Destination,
} from '../aws/protectedQueries';
import { downloadResult, parseCsvSliced, type Download } from '../aws/results';
import { createS3Client } from '../aws/session';
import { getCollaborationTemplate, templateFileName, type RemoteTemplate } from '../aws/templates';
import { parseTemplateFile } from '../aws/templateFile';
import { askParameters } from './askParameters';
import { localVerdictWithin } from './createTemplate';
import { readSettings } from '../settings';
import { requireTrustedWorkspace } from '../trust';
import { activeTemplateDocument, withProgress } from '../templateDocument';
import { nextTick } from '../views/resultPages';
import { showResults } from '../views/resultsView';
import type { TreeNode } from '../views/collaborationsTree';
import { filesLinkedTo } from '../linkedFiles';

const OPERATION = 'Run analysis template';
const LOCAL_VERDICT_TIMEOUT_MS = 10_000;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const KEY_PREFIX = /^[\w!.=*/-]*$/;

export function registerRunTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.runTemplate', (node?: TreeNode) =>
    runTemplate(ctx, node),
  );
}

interface Target {
  arn: string;
  collaborationId?: string;
  /** The file it was run from, whose local verdict is checked first. */
  doc?: vscode.TextDocument;
}

/**
 * The file whose local verdict speaks for the run: the one it was run from, else (a run from the
 * tree) the first open or workspace file linked to the template by its `@arn`, in a trusted
 * workspace only (Restricted Mode reads no workspace file for a run).
 */
async function verdictDocument(t: Target): Promise<vscode.TextDocument | undefined> {
  if (t.doc) return t.doc;
  if (!vscode.workspace.isTrusted) return undefined;
  const [linked] = await filesLinkedTo(t.arn);
  return linked ? vscode.workspace.openTextDocument(linked) : undefined;
}

function target(node: TreeNode | undefined): Target | undefined {
  if (node?.kind === 'template')
    return { arn: node.template.arn, collaborationId: node.template.collaborationId };
  if (!requireTrustedWorkspace(OPERATION)) return undefined;
  const doc = activeTemplateDocument(OPERATION);
  if (!doc) return undefined;
  const arn = parseTemplateFile(doc.getText()).arn;
  if (!arn) {
    // As Update does: the one step that makes this file runnable, one click away.
    void vscode.window
      .showErrorMessage(
        `${OPERATION}: the active file has no "-- @arn" header line, so it is not in AWS yet. Create it first, or run a template from the Clean Rooms view.`,
        'Create Analysis Template',
      )
      .then((choice) => choice && vscode.commands.executeCommand('cleanrooms.createTemplate'));
    return undefined;
  }
  return { arn, doc };
}

/** False when the local validator calls the file INVALID and the user does not insist. */
async function invalidConfirmed(local: LocalVerdict): Promise<boolean> {
  const reasons = local.diagnostics
    .filter((d) => d.severity === 'error')
    .slice(0, 5)
    .map((d) => `Line ${d.range.start.line + 1}: ${d.code} ${d.message}`);
  const choice = await vscode.window.showWarningMessage(
    'The local validator calls this template INVALID for differential privacy: AWS Clean Rooms will likely refuse or fail the run. Run it anyway?',
    { modal: true, detail: reasons.join('\n') },
    'Run Anyway',
  );
  return choice === 'Run Anyway';
}

/** False when AWS validated the template INVALID for differential privacy and the user does not insist. */
async function awsInvalidConfirmed(template: RemoteTemplate): Promise<boolean> {
  if (template.validation.status !== 'INVALID') return true;
  const choice = await vscode.window.showWarningMessage(
    `AWS Clean Rooms validated "${template.name}" as INVALID for differential privacy: it will likely refuse or fail the run. Run it anyway?`,
    { modal: true, detail: template.validation.reasons.slice(0, 5).join('\n') },
    'Run Anyway',
  );
  return choice === 'Run Anyway';
}

/**
 * For a template whose final SELECT computes DP aggregations (counted by the local analysis):
 * how many more runs the membership's privacy budget allows, as a note for the progress title;
 * undefined to stop when none are left and the user does not insist. No budget: ''.
 */
async function budgetNote(
  ctx: AwsContext,
  client: CleanRoomsClient,
  membershipId: string,
  name: string,
  local: LocalVerdict,
): Promise<string | undefined> {
  let budgets: PrivacyBudget[];
  try {
    budgets = await membershipBudgets(
      client,
      membershipId,
      (err) => ctx.failure('Reading the privacy budget template', err).message,
    );
  } catch (err) {
    ctx.log.warn(ctx.failure('Reading the privacy budget', err).message);
    return '';
  }
  const left = budgets.length ? runsLeft(local.aggregations, budgets[0].aggregations) : undefined;
  if (left?.runs === undefined) return '';
  if (left.runs > 0) return `privacy budget: ${left.runs} run(s) left before this one`;
  const choice = await vscode.window.showWarningMessage(
    `The privacy budget allows no more runs of "${name}" (${describeUses(local.aggregations)} per run; ${left.limitedBy.map((t) => AGGREGATION_LABEL[t]).join(', ')} spent). AWS Clean Rooms will refuse it until the budget refreshes. Run it anyway?`,
    { modal: true },
    'Run Anyway',
  );
  return choice === 'Run Anyway' ? '' : undefined;
}

export async function runTemplate(
  ctx: AwsContext,
  node?: TreeNode,
): Promise<QueryState | undefined> {
  const t = target(node);
  if (!t) return undefined;
  const verdictDoc = await verdictDocument(t);
  const local = verdictDoc
    ? await localVerdictWithin(ctx, verdictDoc.uri, LOCAL_VERDICT_TIMEOUT_MS)
    : undefined;
  if (local?.verdict === 'INVALID' && !(await invalidConfirmed(local))) return undefined;
  let client: CleanRoomsClient;
  let template: RemoteTemplate;
  let membershipId: string;
  try {
    client = await ctx.client();
    const picked = await pickMembership(ctx, t);
    if (!picked) return undefined;
    membershipId = picked.id;
    template = await withProgress('Reading the analysis template…', () =>
      getCollaborationTemplate(client, picked.collaborationId, t.arn),
    );
  } catch (err) {
    ctx.reportFailure(OPERATION, err);
    return undefined;
  }
  // From the tree there is no local verdict to ask about; AWS's own validation says as much.
  if (local?.verdict !== 'INVALID' && !(await awsInvalidConfirmed(template))) return undefined;

  const values = await askParameters(OPERATION, template.name, template.parameters);
  if (!values) return undefined;
  const { problems, parameters } = checkParameterValues(template.parameters, values);
  if (problems.length) {
    void vscode.window.showErrorMessage(`${OPERATION}: ${problems.join(' ')}`);
    return undefined;
  }
  const destination = await resultDestination(ctx, membershipId);
  if (!destination) return undefined;
  const budget = local ? await budgetNote(ctx, client, membershipId, template.name, local) : '';
  if (budget === undefined) return undefined;
  const note = local
    ? ` (local verdict ${local.verdict}${budget ? `; ${budget}` : ''})`
    : ' (no local file linked to this template: not checked locally)';

  const outcome = await vscode.window
    .withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Running "${template.name}"${note}`,
        cancellable: true,
      },
      async (progress, token) => {
        let state = await startTemplateQuery(
          client,
          membershipId,
          template.arn,
          parameters,
          destination === 'membershipDefault' ? undefined : destination,
        );
        ctx.log.info(
          `Started protected query ${state.id} of ${template.arn} in membership ${membershipId}`,
        );
        progress.report({ message: state.status.toLowerCase() });
        state = await pollQuery(client, state, {
          stopped: () => token.isCancellationRequested,
          onStatus: (s) => progress.report({ message: s.status.toLowerCase() }),
        });
        if (token.isCancellationRequested && !isEnded(state.status)) {
          progress.report({ message: 'cancelling…' });
          const id = state.id;
          // It may have ended meanwhile (the service then answers a conflict): report how it ended.
          state = await cancelQuery(client, membershipId, id).catch((err: unknown) =>
            (err as { name?: string }).name === 'ConflictException'
              ? getQuery(client, membershipId, id)
              : Promise.reject(err),
          );
        }
        return state;
      },
    )
    .then(
      (state) => state,
      (err: unknown) => {
        ctx.reportFailure(OPERATION, err);
        return undefined;
      },
    );
  if (!outcome) return undefined;
  ctx.log.info(`Protected query ${outcome.id}: ${outcome.status}`);

  void vscode.commands.executeCommand('cleanrooms.refreshProtectedQueries');
  if (outcome.status === 'SUCCESS') await openQueryResult(ctx, template.name, outcome);
  else if (outcome.status === 'CANCELLED' || outcome.status === 'CANCELLING')
    void vscode.window.showInformationMessage(`"${template.name}": ${describeOutcome(outcome)}`);
  else if (outcome.status === 'FAILED' || outcome.status === 'TIMED_OUT')
    void vscode.window.showErrorMessage(`"${template.name}": ${describeOutcome(outcome)}`);
  else
    void vscode.window.showWarningMessage(
      `"${template.name}": stopped waiting after a long time; query ${outcome.id} is still ${outcome.status.toLowerCase()} in AWS.`,
    );
  return outcome;
}

/** The caller's membership that can query in the template's collaboration. */
async function pickMembership(
  ctx: AwsContext,
  t: Target,
): Promise<{ id: string; collaborationId: string } | undefined> {
  const all = await withProgress('Listing your memberships that can run queries…', async () =>
    queryingMemberships(await ctx.client(), t.collaborationId),
  );
  const own = all.find((m) => m.id === parseTemplateArn(t.arn)?.membershipId);
  if (own) return own;
  if (all.length === 1) return all[0];
  if (!all.length) {
    void vscode.window.showErrorMessage(
      `${OPERATION}: none of your active memberships${t.collaborationId ? ' in this collaboration' : ''} can run queries (the CAN_QUERY ability). Ask the collaboration's creator, or pick another profile or region.`,
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    all.map((m) => ({ label: m.collaborationName, description: `membership ${m.id}`, m })),
    {
      title: OPERATION,
      placeHolder: 'Collaboration to run the template in (the one that holds it)',
      ignoreFocusOut: true,
    },
  );
  return pick?.m;
}

/**
 * Where the result goes: the bucket/prefix in user settings when set; else the membership's own
 * default result configuration when it writes CSV; else asked for once and saved in settings.
 */
async function resultDestination(
  ctx: AwsContext,
  membershipId: string,
): Promise<S3Destination | 'membershipDefault' | undefined> {
  const s = readSettings();
  if (s.resultsBucket)
    return {
      bucket: s.resultsBucket,
      ...(s.resultsKeyPrefix ? { keyPrefix: s.resultsKeyPrefix } : {}),
    };
  try {
    if (await membershipCsvDestination(await ctx.client(), membershipId))
      return 'membershipDefault';
  } catch (err) {
    ctx.log.warn(ctx.failure("Reading the membership's default result destination", err).message);
  }
  const bucket = await vscode.window.showInputBox({
    title: `${OPERATION}: result destination`,
    prompt:
      'S3 bucket Clean Rooms writes query results to (saved in your user settings as cleanrooms.results.s3Bucket)',
    placeHolder: 'my-cleanrooms-results',
    ignoreFocusOut: true,
    validateInput: (v) =>
      BUCKET.test(v.trim())
        ? undefined
        : 'A bucket name: 3–63 characters, a-z 0-9 . -, starting and ending with a letter or digit.',
  });
  if (bucket === undefined) return undefined;
  const keyPrefix = await vscode.window.showInputBox({
    title: `${OPERATION}: result destination`,
    prompt: 'Key prefix inside the bucket (optional; saved as cleanrooms.results.s3KeyPrefix)',
    placeHolder: 'cleanrooms/results',
    ignoreFocusOut: true,
    validateInput: (v) =>
      KEY_PREFIX.test(v.trim()) ? undefined : 'Letters, digits and _ ! . = * / - only.',
  });
  if (keyPrefix === undefined) return undefined;
  const config = vscode.workspace.getConfiguration('cleanrooms');
  await config.update('results.s3Bucket', bucket.trim(), vscode.ConfigurationTarget.Global);
  await config.update('results.s3KeyPrefix', keyPrefix.trim(), vscode.ConfigurationTarget.Global);
  return { bucket: bucket.trim(), ...(keyPrefix.trim() ? { keyPrefix: keyPrefix.trim() } : {}) };
}

/** Downloads a succeeded query's CSV and opens the table; when that is refused, offers the location. */
export async function openQueryResult(
  ctx: AwsContext,
  name: string,
  outcome: QueryState,
): Promise<void> {
  const location = outcome.location ?? '';
  const offerLocation = async (message: string) => {
    const choice = await vscode.window.showWarningMessage(message, 'Copy S3 URI');
    if (choice) await vscode.env.clipboard.writeText(location);
  };
  let download: Download;
  try {
    download = await withProgress('Downloading the result…', () =>
      downloadWithSession(ctx, location),
    );
  } catch (err) {
    ctx.reportFailure(`Downloading the result of "${name}"`, err);
    await offerLocation(`The result of "${name}" is at ${location}.`);
    return;
  }
  if (!download.ok) {
    await offerLocation(
      `"${name}" succeeded, but the result could not be opened: ${download.reason}. It is at ${location || '(no location given)'}.`,
    );
    return;
  }
  showResults({
    title: `Result: ${name}`,
    source: `${describeOutcome(outcome)} ${location}`,
    table: await parseCsvSliced(download.text, nextTick),
    fileStem: templateFileName(name).replace(/\.cleanrooms\.sql$/, ''),
  });
}

/** One S3 client per download, with the session's profile and region and the s3Endpoint setting. */
async function downloadWithSession(ctx: AwsContext, location: string): Promise<Download> {
  const s = await ctx.summary();
  const s3 = createS3Client({
    profile: s.profile,
    region: s.region,
    s3Endpoint: readSettings().s3Endpoint || undefined,
  });
  try {
    return await downloadResult(s3, location);
  } finally {
    s3.destroy();
  }
}
