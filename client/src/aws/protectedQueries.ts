// Running an analysis template: StartProtectedQuery with the template's ARN and typed parameter
// values, GetProtectedQuery polled with backoff until the query ends, UpdateProtectedQuery to
// cancel, ListProtectedQueries for recent runs, and the service's outcome in plain words.
import {
  GetMembershipCommand,
  GetProtectedQueryCommand,
  ListMembershipsCommand,
  ListProtectedQueriesCommand,
  StartProtectedQueryCommand,
  UpdateProtectedQueryCommand,
  type CleanRoomsClient,
  type ProtectedQuery,
} from '@aws-sdk/client-cleanrooms';
import { PAGE_SIZE, type Page } from './collaborations';
import { typedParameters, type ParameterDeclaration } from './parameterValues';

export interface S3Destination {
  bucket: string;
  keyPrefix?: string;
}

export type QueryStatus =
  'SUBMITTED' | 'STARTED' | 'CANCELLING' | 'CANCELLED' | 'FAILED' | 'SUCCESS' | 'TIMED_OUT';

export interface QueryState {
  id: string;
  membershipId: string;
  status: QueryStatus;
  createTime?: Date;
  /** The s3:// URI of the result, on SUCCESS. */
  location?: string;
  error?: { code?: string; message?: string };
  durationMs?: number;
}

const ENDED: ReadonlySet<QueryStatus> = new Set(['CANCELLED', 'FAILED', 'SUCCESS', 'TIMED_OUT']);

export function isEnded(status: QueryStatus): boolean {
  return ENDED.has(status);
}

/** The caller's active memberships that may run queries (CAN_QUERY), optionally in one collaboration. */
export async function queryingMemberships(
  client: CleanRoomsClient,
  collaborationId?: string,
  maxPages = 50,
): Promise<{ id: string; collaborationId: string; collaborationName: string }[]> {
  const found: { id: string; collaborationId: string; collaborationName: string }[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await client.send(
      new ListMembershipsCommand({ status: 'ACTIVE', nextToken, maxResults: PAGE_SIZE }),
    );
    for (const m of out.membershipSummaries ?? []) {
      if (!(m.memberAbilities ?? []).includes('CAN_QUERY')) continue;
      if (collaborationId && m.collaborationId !== collaborationId) continue;
      found.push({
        id: m.id ?? '',
        collaborationId: m.collaborationId ?? '',
        collaborationName: m.collaborationName ?? m.collaborationId ?? '',
      });
    }
    nextToken = out.nextToken || undefined;
    if (!nextToken) break;
  }
  return found;
}

/**
 * The values to send, each checked against its declared type: the problems (one per bad or
 * missing value) or the map. Values left undefined use the template's default.
 */
export function checkParameterValues(
  declared: ParameterDeclaration[],
  values: Record<string, string | undefined>,
): { problems: string[]; parameters: Record<string, string> } {
  const { problems, params } = typedParameters(declared, values);
  // Only values the user gave are sent: a left-out one takes the template's default in AWS.
  const parameters: Record<string, string> = {};
  for (const p of declared) {
    const value = values[p.name];
    if (value !== undefined && p.name in params) parameters[p.name] = value;
  }
  for (const name of Object.keys(values)) {
    if (!declared.some((p) => p.name === name))
      problems.push(`${name}: the template declares no such parameter.`);
  }
  return { problems, parameters };
}

/** The membership's default result destination when it writes CSV to S3 (the format the table view reads), else undefined. */
export async function membershipCsvDestination(
  client: CleanRoomsClient,
  membershipId: string,
): Promise<S3Destination | undefined> {
  const out = await client.send(new GetMembershipCommand({ membershipIdentifier: membershipId }));
  const s3 = out.membership?.defaultResultConfiguration?.outputConfiguration?.s3;
  return s3?.bucket && s3.resultFormat === 'CSV'
    ? { bucket: s3.bucket, ...(s3.keyPrefix ? { keyPrefix: s3.keyPrefix } : {}) }
    : undefined;
}

/** Starts the template; without `destination` the membership's default result configuration applies. */
export async function startTemplateQuery(
  client: CleanRoomsClient,
  membershipId: string,
  templateArn: string,
  parameters: Record<string, string>,
  destination: S3Destination | undefined,
): Promise<QueryState> {
  const out = await client.send(
    new StartProtectedQueryCommand({
      type: 'SQL',
      membershipIdentifier: membershipId,
      sqlParameters: {
        analysisTemplateArn: templateArn,
        ...(Object.keys(parameters).length ? { parameters } : {}),
      },
      ...(destination
        ? {
            resultConfiguration: {
              outputConfiguration: {
                s3: {
                  resultFormat: 'CSV',
                  bucket: destination.bucket,
                  ...(destination.keyPrefix ? { keyPrefix: destination.keyPrefix } : {}),
                  singleFileOutput: true,
                },
              },
            },
          }
        : {}),
    }),
  );
  return toState(out.protectedQuery, membershipId);
}

export async function getQuery(
  client: CleanRoomsClient,
  membershipId: string,
  id: string,
): Promise<QueryState> {
  const out = await client.send(
    new GetProtectedQueryCommand({
      membershipIdentifier: membershipId,
      protectedQueryIdentifier: id,
    }),
  );
  return toState(out.protectedQuery, membershipId);
}

export async function cancelQuery(
  client: CleanRoomsClient,
  membershipId: string,
  id: string,
): Promise<QueryState> {
  const out = await client.send(
    new UpdateProtectedQueryCommand({
      membershipIdentifier: membershipId,
      protectedQueryIdentifier: id,
      targetStatus: 'CANCELLED',
    }),
  );
  return toState(out.protectedQuery, membershipId);
}

export async function listQueriesPage(
  client: CleanRoomsClient,
  membershipId: string,
  nextToken?: string,
  maxResults = PAGE_SIZE,
): Promise<Page<QueryState>> {
  const out = await client.send(
    new ListProtectedQueriesCommand({ membershipIdentifier: membershipId, nextToken, maxResults }),
  );
  return {
    items: (out.protectedQueries ?? []).map((q) => ({
      id: q.id ?? '',
      membershipId: q.membershipId ?? membershipId,
      status: (q.status ?? 'SUBMITTED') as QueryStatus,
      createTime: q.createTime,
    })),
    nextToken: out.nextToken || undefined,
  };
}

function toState(q: ProtectedQuery | undefined, membershipId: string): QueryState {
  const location =
    q?.result?.output && 's3' in q.result.output ? q.result.output.s3?.location : undefined;
  return {
    id: q?.id ?? '',
    membershipId: q?.membershipId ?? membershipId,
    status: (q?.status ?? 'SUBMITTED') as QueryStatus,
    createTime: q?.createTime,
    ...(location ? { location } : {}),
    ...(q?.error ? { error: { code: q.error.code, message: q.error.message } } : {}),
    ...(q?.statistics?.totalDurationInMillis !== undefined
      ? { durationMs: q.statistics.totalDurationInMillis }
      : {}),
  };
}

export interface PollOptions {
  /** First wait; each next one is 1.5× longer, up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Gives up (returns the last state) after this long. */
  timeoutMs?: number;
  onStatus?: (state: QueryState) => void;
  /** True once the user asked to stop waiting. */
  stopped?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/** Polls GetProtectedQuery with backoff until the query ends, the caller stops, or the timeout passes. */
export async function pollQuery(
  client: CleanRoomsClient,
  start: QueryState,
  opts: PollOptions = {},
): Promise<QueryState> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = Date.now() + (opts.timeoutMs ?? 30 * 60_000);
  let delay = opts.initialDelayMs ?? 1000;
  let state = start;
  while (!isEnded(state.status) && !opts.stopped?.() && Date.now() < deadline) {
    await sleep(delay);
    if (opts.stopped?.()) break;
    delay = Math.min(delay * 1.5, opts.maxDelayMs ?? 10_000);
    state = await getQuery(client, start.membershipId, start.id);
    opts.onStatus?.(state);
  }
  return state;
}

/** What an ended query means, in one sentence for the user. */
export function describeOutcome(state: QueryState): string {
  const said = state.error?.message?.trim().replace(/\.$/, '');
  const code = state.error?.code ? ` (${state.error.code})` : '';
  switch (state.status) {
    case 'SUCCESS':
      return `The query succeeded${state.durationMs !== undefined ? ` in ${(state.durationMs / 1000).toFixed(1)} s` : ''}.`;
    case 'FAILED':
      return `The query failed${code}: ${said || 'AWS Clean Rooms gave no reason'}.`;
    case 'TIMED_OUT':
      return `The query ran out of time in AWS Clean Rooms${said ? `: ${said}` : ''}. Narrow it (fewer rows, a shorter date range) or ask for more compute, then run it again.`;
    case 'CANCELLED':
    case 'CANCELLING':
      return 'The query was cancelled.';
    default:
      return `The query is still ${state.status.toLowerCase()}.`;
  }
}
