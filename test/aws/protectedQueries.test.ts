// Run in AWS against the emulator, through the real SDKs over HTTP: StartProtectedQuery with a
// template ARN and parameters, GetProtectedQuery until SUCCESS, the CSV read with
// @aws-sdk/client-s3 from the location it gives, bad values, cancel, list, failures.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import {
  HeadObjectCommand,
  PutObjectCommand,
  GetObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StartProtectedQueryCommand } from '@aws-sdk/client-cleanrooms';
import {
  cancelQuery,
  checkParameterValues,
  describeOutcome,
  getQuery,
  listQueriesPage,
  membershipCsvDestination,
  pollQuery,
  queryingMemberships,
  startTemplateQuery,
  type QueryStatus,
} from '../../client/src/aws/protectedQueries';
import { downloadResult, parseCsv } from '../../client/src/aws/results';
import { createS3Client } from '../../client/src/aws/session';
import { describeAwsError } from '../../client/src/aws/errors';
import { loadSeed, type Emulator, type Seed, type SeedSampleRows } from '../emulator/server';
import { dpValidations } from '../emulator/dpValidation';
import { templateArn } from '../emulator/state';
import { DEMO_SEED, PROFILE, thrown, useSession } from './support';

const MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const COLLABORATION = '3f1c2b7e-5a4d-4c6e-9b8a-1d2e3f4a5b6c';
const BUCKET = 'analysis-results';

function seedWith(timing: Seed['protectedQueryTiming'], extra: Partial<Seed> = {}): Seed {
  return { ...loadSeed(DEMO_SEED), protectedQueryTiming: timing, ...extra };
}

async function setup(t: TestContext, seed: Seed) {
  const { emu, session } = await useSession(t, { emulator: { seed } });
  const s3 = createS3Client({ profile: PROFILE, region: 'us-east-1', s3Endpoint: emu.url });
  t.after(() => s3.destroy());
  return { emu, client: session.client, s3 };
}

function arnOf(emu: Emulator, name: string): string {
  const template = [...emu.state.templates.values()].find((x) => x.name === name);
  assert.ok(template, `demo seed has template ${name}`);
  return templateArn(emu.state, template);
}

function sampleRows(seed: Seed, table: string): SeedSampleRows['rows'] {
  const rows = seed.sampleRows?.find((r) => r.table === table)?.rows;
  assert.ok(rows?.length, `demo seed has sample rows for ${table}`);
  return rows;
}

const fastPoll = { initialDelayMs: 20, maxDelayMs: 50, timeoutMs: 20_000 };

test('a template run with parameters goes SUBMITTED → STARTED → SUCCESS and its CSV is readable from the location given', async (t) => {
  const seed = seedWith({ submittedMs: 300, runMs: 2000 });
  const { emu, client, s3 } = await setup(t, seed);
  const arn = arnOf(emu, 'Campaign reach by date range');
  const started = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arn,
    { start_date: '2026-02-01 00:00:00', end_date: '2026-03-01' },
    { bucket: BUCKET, keyPrefix: 'runs' },
  );
  assert.equal(started.status, 'SUBMITTED');
  const seen: QueryStatus[] = [];
  const done = await pollQuery(client, started, {
    ...fastPoll,
    onStatus: (s) => seen.push(s.status),
  });
  assert.equal(done.status, 'SUCCESS', describeOutcome(done));
  assert.ok(seen.includes('STARTED'), `statuses seen: ${seen.join(', ')}`);
  assert.match(done.location ?? '', new RegExp(`^s3://${BUCKET}/runs/${done.id}/`));
  assert.ok((done.durationMs ?? 0) >= 2000);

  const download = await downloadResult(s3, done.location ?? '');
  assert.ok(download.ok, JSON.stringify(download));
  const table = parseCsv(download.text);
  assert.deepEqual(table.columns, ['campaign_id', 'reach']);
  // The same reach computed here from the seed's rows: February 2026 only.
  const expected = new Map<string, Set<string>>();
  for (const r of sampleRows(seed, 'socialco_impressions')) {
    const ts = String(r.timestamp);
    if (ts >= '2026-02-01 00:00:00' && ts < '2026-03-01 00:00:00')
      expected.set(
        String(r.campaign_id),
        (expected.get(String(r.campaign_id)) ?? new Set()).add(String(r.user_id)),
      );
  }
  const got = new Map(table.rows.map(([campaign, reach]) => [campaign, Number(reach)]));
  assert.deepEqual(got, new Map([...expected].map(([c, users]) => [c, users.size])));
  assert.ok(got.size > 0);
});

test('the default value is used when a parameter is left out; STDDEV and CTEs run', async (t) => {
  const seed = seedWith({ submittedMs: 0, runMs: 0 });
  const { emu, client, s3 } = await setup(t, seed);
  const done = await pollQuery(
    client,
    await startTemplateQuery(
      client,
      MEMBERSHIP,
      arnOf(emu, 'Impressions per user'),
      {},
      { bucket: BUCKET },
    ),
    fastPoll,
  );
  assert.equal(done.status, 'SUCCESS', describeOutcome(done));
  const download = await downloadResult(s3, done.location ?? '');
  assert.ok(download.ok);
  const table = parseCsv(download.text);
  assert.deepEqual(table.columns, ['avg_impressions_per_user', 'sd_impressions_per_user']);
  const perUser = new Map<string, number>();
  for (const r of sampleRows(seed, 'socialco_impressions'))
    if (String(r.timestamp) >= '2026-01-01 00:00:00')
      perUser.set(String(r.user_id), (perUser.get(String(r.user_id)) ?? 0) + 1);
  const counts = [...perUser.values()];
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (counts.length - 1));
  assert.ok(Math.abs(Number(table.rows[0][0]) - mean) < 1e-9, `${table.rows[0][0]} vs ${mean}`);
  assert.ok(Math.abs(Number(table.rows[0][1]) - sd) < 1e-9, `${table.rows[0][1]} vs ${sd}`);
});

test('a value that is not of the declared type is a ValidationException naming the parameter', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  const arn = arnOf(emu, 'Campaign reach by date range');
  const err = (await thrown(() =>
    startTemplateQuery(client, MEMBERSHIP, arn, { end_date: 'next tuesday' }, { bucket: BUCKET }),
  )) as { name: string; reason?: string; fieldList?: { name: string }[] };
  assert.equal(err.name, 'ValidationException');
  assert.equal(err.reason, 'FIELD_VALIDATION_FAILED');
  assert.deepEqual(
    err.fieldList?.map((f) => f.name),
    ['sqlParameters.parameters.end_date'],
  );
  assert.match(
    describeAwsError('Run analysis template', err).message,
    /end_date.*not a valid TIMESTAMP/,
  );

  const missing = (await thrown(() =>
    startTemplateQuery(client, MEMBERSHIP, arn, {}, { bucket: BUCKET }),
  )) as { name: string; fieldList?: { name: string }[] };
  assert.equal(missing.name, 'ValidationException', 'end_date has no default');
  const undeclared = (await thrown(() =>
    startTemplateQuery(
      client,
      MEMBERSHIP,
      arn,
      { end_date: '2026-03-01', region: 'x' },
      { bucket: BUCKET },
    ),
  )) as { fieldList?: { name: string }[] };
  assert.deepEqual(
    undeclared.fieldList?.map((f) => f.name),
    ['sqlParameters.parameters.region'],
  );
  assert.equal(emu.state.protectedQueries.size, 0, 'nothing was started');
});

test('the client refuses the same bad values before sending', () => {
  const declared = [
    { name: 'start_date', type: 'TIMESTAMP', defaultValue: '2026-01-01 00:00:00' },
    { name: 'end_date', type: 'TIMESTAMP' },
  ];
  assert.deepEqual(checkParameterValues(declared, { end_date: '2026-03-01' }), {
    problems: [],
    parameters: { end_date: '2026-03-01' },
  });
  assert.equal(checkParameterValues(declared, {}).problems.length, 1);
  assert.match(
    checkParameterValues(declared, { end_date: 'soon' }).problems[0],
    /^end_date: "soon" is not a valid TIMESTAMP/,
  );
  assert.match(
    checkParameterValues(declared, { end_date: '2026-03-01', other: '1' }).problems[0],
    /^other: the template declares no such parameter/,
  );
});

test('cancel: UpdateProtectedQuery answers CANCELLING, the query ends CANCELLED, no result is written, a second cancel conflicts', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 60_000 }));
  const started = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arnOf(emu, 'Campaign reach'),
    {},
    { bucket: BUCKET },
  );
  assert.equal((await getQuery(client, MEMBERSHIP, started.id)).status, 'STARTED');
  assert.equal((await cancelQuery(client, MEMBERSHIP, started.id)).status, 'CANCELLING');
  const after = await getQuery(client, MEMBERSHIP, started.id);
  assert.equal(after.status, 'CANCELLED');
  assert.equal(after.location, undefined);
  assert.equal(emu.state.s3Objects.size, 0);
  const again = (await thrown(() => cancelQuery(client, MEMBERSHIP, started.id))) as {
    name: string;
    reason?: string;
  };
  assert.equal(again.name, 'ConflictException');
  assert.equal(again.reason, 'INVALID_STATE');
});

test('ListProtectedQueries shows runs newest first with their status, in pages', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  const first = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arnOf(emu, 'Campaign reach'),
    {},
    { bucket: BUCKET },
  );
  await new Promise((r) => setTimeout(r, 5));
  const second = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arnOf(emu, 'Top campaigns'),
    {},
    { bucket: BUCKET },
  );
  await pollQuery(client, second, fastPoll);
  const page1 = await listQueriesPage(client, MEMBERSHIP, undefined, 1);
  assert.deepEqual(
    page1.items.map((q) => q.id),
    [second.id],
  );
  assert.equal(page1.items[0].status, 'SUCCESS');
  assert.ok(page1.nextToken);
  const page2 = await listQueriesPage(client, MEMBERSHIP, page1.nextToken, 1);
  assert.deepEqual(
    page2.items.map((q) => q.id),
    [first.id],
  );
  assert.equal(page2.nextToken, undefined);
  assert.deepEqual(
    (await listQueriesPage(client, '2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f')).items,
    [],
    'other membership: none',
  );
});

test('SQL the engine cannot run ends FAILED with the error in plain words', async (t) => {
  const { client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  const out = await client.send(
    new StartProtectedQueryCommand({
      type: 'SQL',
      membershipIdentifier: MEMBERSHIP,
      sqlParameters: { queryString: 'SELECT no_such_column FROM socialco_impressions' },
      resultConfiguration: { outputConfiguration: { s3: { resultFormat: 'CSV', bucket: BUCKET } } },
    }),
  );
  const done = await pollQuery(
    client,
    { id: out.protectedQuery?.id ?? '', membershipId: MEMBERSHIP, status: 'SUBMITTED' },
    fastPoll,
  );
  assert.equal(done.status, 'FAILED');
  assert.match(
    describeOutcome(done),
    /^The query failed \(QUERY_FAILED\): .*no such column: no_such_column/,
  );
});

test('a query the emulator times out ends TIMED_OUT, listed so, with the service error said in plain words', async (t) => {
  const { emu, client, s3 } = await setup(t, seedWith({ submittedMs: 0, runMs: 50 }));
  emu.setFaults({ timeOutQueryEvery: 1 });
  const started = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arnOf(emu, 'Campaign reach by date range'),
    { start_date: '2026-02-01 00:00:00', end_date: '2026-03-01' },
    { bucket: BUCKET },
  );
  const done = await pollQuery(client, started, fastPoll);
  assert.equal(done.status, 'TIMED_OUT');
  assert.equal(done.location, undefined, 'no result location');
  assert.equal(
    describeOutcome(done),
    'The query ran out of time in AWS Clean Rooms: The query did not finish within the maximum run time and was stopped. Narrow it (fewer rows, a shorter date range) or ask for more compute, then run it again.',
  );
  const listed = await listQueriesPage(client, MEMBERSHIP);
  assert.equal(listed.items.find((q) => q.id === done.id)?.status, 'TIMED_OUT');
  const download = await downloadResult(s3, `s3://${BUCKET}/${done.id}/result.csv`);
  assert.equal(download.ok, false, 'nothing was written');
});

test('every 2nd query failing by fault: the first succeeds, the second ends FAILED with its code and message', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  emu.setFaults({ failQueryEvery: 2 });
  const run = async () =>
    pollQuery(
      client,
      await startTemplateQuery(
        client,
        MEMBERSHIP,
        arnOf(emu, 'Campaign reach by date range'),
        { start_date: '2026-02-01 00:00:00', end_date: '2026-03-01' },
        { bucket: BUCKET },
      ),
      fastPoll,
    );
  const first = await run();
  assert.equal(first.status, 'SUCCESS', describeOutcome(first));
  const second = await run();
  assert.equal(second.status, 'FAILED');
  assert.equal(
    describeOutcome(second),
    'The query failed (INTERNAL_SERVICE_ERROR): The query failed because of an internal error. Run it again.',
  );
});

test('a run without a result destination, or to a bad bucket name, is refused', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  const arn = arnOf(emu, 'Campaign reach');
  const noDestination = (await thrown(() =>
    client.send(
      new StartProtectedQueryCommand({
        type: 'SQL',
        membershipIdentifier: MEMBERSHIP,
        sqlParameters: { analysisTemplateArn: arn },
      }),
    ),
  )) as { name: string; reason?: string };
  assert.equal(noDestination.name, 'ValidationException');
  assert.equal(noDestination.reason, 'INVALID_CONFIGURATION');
  const badBucket = (await thrown(() =>
    startTemplateQuery(client, MEMBERSHIP, arn, {}, { bucket: 'Not_A_Bucket' }),
  )) as { name: string };
  assert.equal(badBucket.name, 'ValidationException');
  const otherCollaboration = (await thrown(() =>
    startTemplateQuery(client, '2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f', arn, {}, { bucket: BUCKET }),
  )) as { name: string };
  assert.equal(otherCollaboration.name, 'ResourceNotFoundException');
});

test('only memberships that can query are offered', async (t) => {
  const { client } = await setup(t, seedWith({ submittedMs: 0, runMs: 0 }));
  const seed = loadSeed(DEMO_SEED);
  const expected = seed.memberships
    .filter(
      (m) =>
        (m.accountId ?? seed.accountId) === seed.accountId &&
        (m.memberAbilities ?? []).includes('CAN_QUERY'),
    )
    .map((m) => m.id);
  assert.deepEqual((await queryingMemberships(client)).map((m) => m.id).sort(), expected.sort());
  assert.deepEqual(
    (await queryingMemberships(client, COLLABORATION)).map((m) => m.id),
    [MEMBERSHIP],
  );
});

test('the emulated S3 serves PutObject, HeadObject and GetObject; a denied bucket refuses the download', async (t) => {
  const { emu, client, s3 } = await setup(
    t,
    seedWith({ submittedMs: 0, runMs: 0 }, { s3: { deniedBuckets: ['locked-results'] } }),
  );
  const body = 'x,y\r\n1,"two, three"\r\n';
  await s3.send(
    new PutObjectCommand({
      Bucket: 'scratch',
      Key: 'a/b c.csv',
      Body: body,
      ContentType: 'text/csv',
    }),
  );
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'scratch', Key: 'a/b c.csv' }));
  assert.equal(head.ContentLength, Buffer.byteLength(body));
  assert.equal(head.ContentType, 'text/csv');
  const got = await s3.send(new GetObjectCommand({ Bucket: 'scratch', Key: 'a/b c.csv' }));
  assert.deepEqual(parseCsv(await (got.Body?.transformToString() ?? '')), {
    columns: ['x', 'y'],
    rows: [['1', 'two, three']],
  });
  const missing = await thrown(() =>
    s3.send(new GetObjectCommand({ Bucket: 'scratch', Key: 'nope' })),
  );
  assert.equal((missing as { name: string }).name, 'NoSuchKey');

  const done = await pollQuery(
    client,
    await startTemplateQuery(
      client,
      MEMBERSHIP,
      arnOf(emu, 'Campaign reach'),
      {},
      { bucket: 'locked-results' },
    ),
    fastPoll,
  );
  assert.equal(done.status, 'SUCCESS');
  const refused = await downloadResult(s3 as S3Client, done.location ?? '');
  assert.deepEqual(refused, {
    ok: false,
    refused: true,
    reason: 'S3 refused the download (access denied to locked-results)',
  });
});

test("without a destination the membership's default result configuration applies; only a CSV default is offered", async (t) => {
  const seed = seedWith({ submittedMs: 0, runMs: 0 });
  const own = seed.memberships.find((m) => m.id === MEMBERSHIP);
  assert.ok(own);
  own.defaultResultConfiguration = {
    outputConfiguration: {
      s3: { resultFormat: 'CSV', bucket: 'member-default', keyPrefix: 'team' },
    },
  };
  const other = seed.memberships.find((m) => m.id === '2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f');
  assert.ok(other);
  other.defaultResultConfiguration = {
    outputConfiguration: { s3: { resultFormat: 'PARQUET', bucket: 'parquet-default' } },
  };
  const { emu, client, s3 } = await setup(t, seed);
  assert.deepEqual(await membershipCsvDestination(client, MEMBERSHIP), {
    bucket: 'member-default',
    keyPrefix: 'team',
  });
  assert.equal(
    await membershipCsvDestination(client, other.id),
    undefined,
    'a PARQUET default cannot be shown as a table',
  );
  const done = await pollQuery(
    client,
    await startTemplateQuery(client, MEMBERSHIP, arnOf(emu, 'Campaign reach'), {}, undefined),
    fastPoll,
  );
  assert.equal(done.status, 'SUCCESS');
  assert.match(
    done.location ?? '',
    new RegExp(`^s3://member-default/team/${done.id}/result\\.csv$`),
  );
  assert.ok((await downloadResult(s3, done.location ?? '')).ok);
});

test('polling backs off 1.5x up to the cap and stops when the caller stops', async (t) => {
  const { emu, client } = await setup(t, seedWith({ submittedMs: 0, runMs: 60_000 }));
  const started = await startTemplateQuery(
    client,
    MEMBERSHIP,
    arnOf(emu, 'Campaign reach'),
    {},
    { bucket: BUCKET },
  );
  const delays: number[] = [];
  const last = await pollQuery(client, started, {
    initialDelayMs: 1000,
    maxDelayMs: 3000,
    sleep: async (ms) => void delays.push(ms),
    stopped: () => delays.length >= 5,
  });
  assert.deepEqual(delays, [1000, 1500, 2250, 3000, 3000]);
  assert.equal(last.status, 'STARTED');
});

test('a template whose differential-privacy validation is INVALID cannot run: a ValidationException with the reasons', async (t) => {
  const seed = seedWith({ submittedMs: 0, runMs: 0 });
  const { emu, client } = await setup(t, seed);
  const tables = emu.state.schemas.get(COLLABORATION) ?? [];
  const invalid = [...emu.state.templates.values()].find(
    (x) =>
      x.collaborationId === COLLABORATION &&
      x.text !== undefined &&
      dpValidations(
        x.text,
        tables,
        x.analysisParameters.map((p) => p.name),
      )[0]?.status === 'INVALID',
  );
  assert.ok(invalid, 'the demo seed has a DP template that validates INVALID');
  const refused = await thrown(() =>
    client.send(
      new StartProtectedQueryCommand({
        type: 'SQL',
        membershipIdentifier: MEMBERSHIP,
        sqlParameters: { analysisTemplateArn: templateArn(emu.state, invalid) },
        resultConfiguration: {
          outputConfiguration: { s3: { resultFormat: 'CSV', bucket: BUCKET } },
        },
      }),
    ),
  );
  assert.equal((refused as { name?: string }).name, 'ValidationException');
  assert.match(
    describeAwsError('Running the template', refused, { endpoint: emu.url }).message,
    /does not fit the differential-privacy query structure, so it cannot run\. \S/,
  );
});
