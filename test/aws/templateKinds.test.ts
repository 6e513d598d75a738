// Every template kind and what AWS holds beyond the file, through the real SDK over HTTP to the
// emulator: PySpark metadata, Fetch by ARN for a partner's template, Update-as-new that keeps
// synthetic-data parameters, error-message configuration and tags, and stale links.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTemplateMetadata } from '../../client/src/aws/templateMetadata';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  getTemplateByArn,
  isSqlTemplate,
  planReplacement,
  templateExists,
  templateTags,
} from '../../client/src/aws/templates';
import { parseTemplateFile } from '../../client/src/aws/templateFile';
import { DEMO_SEED, thrown, useSession } from './support';
import { loadSeed } from '../emulator/server';

const seed = loadSeed(DEMO_SEED);
const SOCIAL_MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const synthetic = seed.templates.find((t) => t.name === 'Synthetic reach by region')!;
const pyspark = seed.templates.find((t) => t.format === 'PYSPARK_1_0')!;
const partner = seed.templates.find((t) => t.name === 'Stores by region')!;
const arnOf = (t: { id: string; membershipId: string }) => {
  const m = seed.memberships.find((x) => x.id === t.membershipId)!;
  return `arn:aws:cleanrooms:us-east-1:${m.accountId ?? '111122223333'}:membership/${m.id}/analysistemplate/${t.id}`;
};

test("Fetch by ARN finds a partner's template through the collaboration when the membership is not the caller's", async (t) => {
  const { session, logLines } = await useSession(t);
  const remote = await getTemplateByArn(session.client, arnOf(partner));
  assert.equal(remote.name, 'Stores by region');
  assert.equal(remote.creatorAccountId, '777788889999');
  assert.ok(isSqlTemplate(remote));
  assert.ok(
    logLines.some((l) => l.startsWith('GetAnalysisTemplate failed ResourceNotFoundException')),
    logLines.join('\n'),
  );
  assert.ok(
    logLines.some((l) => l.startsWith('GetCollaborationAnalysisTemplate ok')),
    logLines.join('\n'),
  );

  const missing = arnOf({ ...partner, id: '00000000-0000-4000-8000-000000000000' });
  assert.equal(
    ((await thrown(() => getTemplateByArn(session.client, missing))) as { name?: string }).name,
    'ResourceNotFoundException',
  );
  assert.equal(await templateExists(session.client, missing), false);
  assert.equal(await templateExists(session.client, arnOf(partner)), true);
});

test('a PySpark template reads back with entry point, artifacts, hashes, role and parameters, and renders as metadata, not SQL', async (t) => {
  const { session } = await useSession(t);
  const remote = await getTemplateByArn(session.client, arnOf(pyspark));
  assert.equal(isSqlTemplate(remote), false);
  assert.equal(remote.format, 'PYSPARK_1_0');
  assert.equal(remote.body, undefined);
  assert.deepEqual(remote.artifacts, pyspark.artifacts);
  assert.match(remote.artifactHashes?.entryPoint ?? '', /^[0-9a-f]{64}$/);
  assert.equal(remote.artifactHashes?.additional.length, 1);
  assert.deepEqual(remote.referencedTables, ['members', 'stores']);
  const md = renderTemplateMetadata(remote);
  for (const expected of [
    '# Loyalty churn model',
    'PySpark analysis template, read-only',
    '`s3://retail-analytics-jobs/churn/entry_point.py`',
    '`s3://retail-analytics-jobs/churn/libs.zip`',
    `\`${remote.artifactHashes!.entryPoint}\``,
    `\`${remote.artifactHashes!.additional[0]}\``,
    '`arn:aws:iam::111122223333:role/CleanRoomsPySparkJobRole`',
    '| `min_salary` | `INT` | `30000` |',
    '| Error messages | `DETAILED` |',
  ]) {
    assert.ok(md.includes(expected), `metadata shows ${expected}:\n${md}`);
  }
});

test('Update-as-new keeps synthetic-data parameters, error messages and tags, and the description when the file has none', async (t) => {
  const { emu, session } = await useSession(t);
  const old = await getTemplate(session.client, SOCIAL_MEMBERSHIP, synthetic.id);
  assert.ok(isSqlTemplate(old));
  const tags = await templateTags(session.client, old.arn);
  assert.deepEqual(tags, synthetic.tags);
  // The file as a user edited it: new SQL, no description line.
  const file = parseTemplateFile(
    `-- @name ${old.name}\n-- @arn ${old.arn}\n${old.body}\nLIMIT 100`,
  );
  const plan = planReplacement(
    { name: 'Synthetic reach by region v2', parameters: file.parameters, body: file.body },
    old,
    tags,
  );
  assert.equal(plan.refusal, undefined);
  assert.deepEqual(plan.carried, [
    'description',
    'error messages (DETAILED)',
    'synthetic-data parameters',
    'tags (team, cost-center)',
  ]);

  const created = await createTemplate(
    session.client,
    SOCIAL_MEMBERSHIP,
    plan.content,
    plan.extras,
  );
  const back = await getTemplate(session.client, SOCIAL_MEMBERSHIP, created.id);
  assert.deepEqual(back.syntheticDataParameters, synthetic.syntheticDataParameters);
  assert.deepEqual(back.errorMessageConfiguration, { type: 'DETAILED' });
  assert.equal(back.description, synthetic.description);
  assert.equal(back.body, file.body);
  assert.deepEqual(await templateTags(session.client, back.arn), synthetic.tags);
  assert.equal(emu.state.templates.get(created.id)?.syntheticDataParameters !== undefined, true);

  await deleteTemplate(session.client, SOCIAL_MEMBERSHIP, old.id);
  assert.equal(
    await templateExists(session.client, old.arn),
    false,
    'a file still naming the old ARN is stale',
  );
});

test('Update-as-new refuses what it cannot copy, naming the field, and carries parameters only when the file declares none', async (t) => {
  const { session } = await useSession(t);
  const spark = await getTemplateByArn(session.client, arnOf(pyspark));
  const refused = planReplacement({ name: 'x', parameters: [], body: 'SELECT 1' }, spark, {});
  assert.match(refused.refusal ?? '', /format is PySpark/);

  const withParams = seed.templates.find(
    (x) => x.membershipId === SOCIAL_MEMBERSHIP && (x.analysisParameters?.length ?? 0) > 0,
  )!;
  const old = await getTemplate(session.client, SOCIAL_MEMBERSHIP, withParams.id);
  const bare = planReplacement({ name: 'x', parameters: [], body: 'SELECT 1' }, old, {});
  assert.deepEqual(bare.content.parameters, old.parameters);
  assert.ok(bare.carried.some((c) => c.startsWith('parameters (')));
  const declared = [{ name: 'other', type: 'INT' }];
  assert.deepEqual(
    planReplacement({ name: 'x', parameters: declared, body: 'SELECT 1' }, old, {}).content
      .parameters,
    declared,
  );

  const unknown = planReplacement(
    { name: 'x', parameters: [], body: 'SELECT 1' },
    { ...old, unknownMembers: ['syntheticDataParameters.futureMember'] },
    {},
  );
  assert.match(unknown.refusal ?? '', /syntheticDataParameters\.futureMember/);
});
