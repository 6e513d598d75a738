// The AWS paths of Fetch, Create, Update (description / create-as-new + delete) and Delete,
// through the real SDK over HTTP to the emulator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplateArn } from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import {
  applyEdits,
  compareTemplates,
  headerEdits,
  parseTemplateFile,
  renderTemplateFile,
} from '../../client/src/aws/templateFile';
import {
  compareVerdicts,
  createTemplate,
  deleteTemplate,
  getCollaborationTemplate,
  getTemplate,
  nextVersionName,
  templateFileFor,
  templateFileName,
  templateNameProblem,
  updateTemplateDescription,
  isSqlTemplate,
  type RemoteTemplate,
  type SqlTemplate,
} from '../../client/src/aws/templates';
import { thrown, useSession } from './support';

function sql(t: RemoteTemplate): SqlTemplate {
  assert.ok(isSqlTemplate(t), `${t.name} is a SQL template`);
  return t;
}

const MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const COLLABORATION = '3f1c2b7e-5a4d-4c6e-9b8a-1d2e3f4a5b6c';

test('fetch renders every seeded template into a file whose header and body match AWS', async (t) => {
  const { emu, session } = await useSession(t);
  const stored = [...emu.state.templates.values()].filter((s) => s.membershipId === MEMBERSHIP);
  assert.ok(stored.length >= 5);
  for (const s of stored) {
    const remote = sql(await getTemplate(session.client, MEMBERSHIP, s.id));
    const file = templateFileFor(remote);
    assert.equal(file.fileName, templateFileName(s.name));
    assert.equal(file.bodyRoundTrips, true);
    const back = parseTemplateFile(file.text);
    assert.equal(back.body, s.text, `body of ${s.name}`);
    assert.equal(back.name, s.name);
    assert.equal(back.description, s.description || undefined);
    assert.equal(back.membership, MEMBERSHIP);
    assert.equal(back.arn, remote.arn);
    assert.deepEqual(parseTemplateArn(remote.arn), {
      region: 'us-east-1',
      accountId: '111122223333',
      membershipId: MEMBERSHIP,
      templateId: s.id,
    });
    assert.deepEqual(
      back.parameters,
      (s.analysisParameters ?? []).map((p) => ({
        name: p.name,
        type: p.type,
        ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
      })),
    );
    assert.ok(remote.validation.status, `${s.name} carries a DP validation status`);
  }
});

test('fetch from the collaboration view (GetCollaborationAnalysisTemplate) gives the same file', async (t) => {
  const { emu, session } = await useSession(t);
  const s = [...emu.state.templates.values()].find((x) => x.membershipId === MEMBERSHIP)!;
  const own = sql(await getTemplate(session.client, MEMBERSHIP, s.id));
  const viaCollaboration = sql(
    await getCollaborationTemplate(session.client, COLLABORATION, own.arn),
  );
  assert.equal(templateFileFor(viaCollaboration).text, templateFileFor(own).text);
  assert.equal(viaCollaboration.creatorAccountId, '111122223333');
});

test('create → fetch round trip keeps the body byte-identical, and the header records membership and ARN', async (t) => {
  const { emu, session } = await useSession(t);
  const body =
    "SELECT campaign_id,\r\n       COUNT(DISTINCT user_id) AS reach -- 'quoted' ünïcödé\r\nFROM socialco_impressions\r\nWHERE impression_date >= :start_date\r\nGROUP BY campaign_id\r\n\r\n";
  const fileText =
    [
      '-- @name Round trip reach',
      '-- @description Reach since a date',
      "-- @param start_date DATE = '2024-01-01'",
      "-- @param note VARCHAR = 'it''s fine'",
      '',
    ].join('\n') + body;
  const file = parseTemplateFile(fileText);
  assert.equal(file.body, body);

  const created = await createTemplate(session.client, MEMBERSHIP, {
    name: file.name!,
    description: file.description,
    parameters: file.parameters,
    body: file.body,
  });
  const stored = emu.state.templates.get(created.id)!;
  assert.equal(stored.text, body, 'the emulator received exactly the file body');
  assert.equal(created.membershipId, MEMBERSHIP);
  assert.deepEqual(created.parameters, [
    { name: 'start_date', type: 'DATE', defaultValue: '2024-01-01' },
    { name: 'note', type: 'VARCHAR', defaultValue: "it's fine" },
  ]);
  assert.deepEqual(created.referencedTables, ['socialco_impressions']);
  assert.ok(created.validation.status);

  const fetched = sql(await getTemplate(session.client, MEMBERSHIP, created.id));
  assert.equal(fetched.body, body);
  const rendered = templateFileFor(fetched);
  assert.equal(parseTemplateFile(rendered.text).body, body);

  // Writing @membership/@arn back into the original text changes nothing else.
  const updated = applyEdits(
    fileText,
    headerEdits(fileText, { membership: MEMBERSHIP, arn: created.arn }),
  );
  const reread = parseTemplateFile(updated);
  assert.equal(reread.body, body);
  assert.equal(reread.membership, MEMBERSHIP);
  assert.equal(reread.arn, created.arn);
  assert.deepEqual(compareTemplates({ ...reread, name: reread.name! }, fetched), {
    descriptionDiffers: false,
    immutableDifferences: [],
  });
});

test('AWS validation is shown beside the local verdict, and a disagreement is named', async (t) => {
  const { session } = await useSession(t);
  const created = await createTemplate(session.client, MEMBERSHIP, {
    name: 'Raw rows',
    parameters: [],
    body: 'SELECT user_id, campaign_id FROM socialco_impressions',
  });
  assert.equal(created.validation.status, 'INVALID');
  assert.ok(created.validation.reasons.length > 0);
  const agree = compareVerdicts('INVALID', created.validation);
  assert.equal(agree.agree, true);
  assert.match(agree.message, /^AWS and the local validator agree: INVALID \(/);
  const disagree = compareVerdicts('VALID', created.validation);
  assert.equal(disagree.agree, false);
  assert.match(disagree.message, /disagree: AWS says INVALID .* the local validator says VALID\.$/);
  assert.equal(compareVerdicts(undefined, created.validation).agree, true);
});

test('update changes only the description', async (t) => {
  const { emu, session } = await useSession(t);
  const s = [...emu.state.templates.values()].find((x) => x.membershipId === MEMBERSHIP)!;
  const before = sql(await getTemplate(session.client, MEMBERSHIP, s.id));
  const file = parseTemplateFile(
    applyEdits(
      templateFileFor(before).text,
      headerEdits(templateFileFor(before).text, { description: 'A better description' }),
    ),
  );
  const diff = compareTemplates({ ...file, name: file.name! }, before);
  assert.deepEqual(diff, { descriptionDiffers: true, immutableDifferences: [] });
  const after = await updateTemplateDescription(
    session.client,
    MEMBERSHIP,
    s.id,
    file.description!,
  );
  assert.equal(after.description, 'A better description');
  assert.equal(after.body, before.body);
  assert.equal(
    (await getTemplate(session.client, MEMBERSHIP, s.id)).description,
    'A better description',
  );
});

test('changed SQL is reported as immutable; create-as-new then delete replaces the old template', async (t) => {
  const { emu, session } = await useSession(t);
  const s = [...emu.state.templates.values()].find((x) => x.membershipId === MEMBERSHIP)!;
  const old = sql(await getTemplate(session.client, MEMBERSHIP, s.id));
  const edited = templateFileFor(old).text + '\nLIMIT 10';
  const file = parseTemplateFile(edited);
  const diff = compareTemplates({ ...file, name: file.name! }, old);
  assert.deepEqual(diff.immutableDifferences, ['SQL text']);

  const names = [...emu.state.templates.values()].map((x) => x.name);
  const newName = nextVersionName(old.name, names);
  assert.equal(newName, `${old.name} v2`);
  assert.equal(templateNameProblem(newName), undefined);
  const replacement = await createTemplate(session.client, MEMBERSHIP, {
    name: newName,
    description: file.description,
    parameters: file.parameters,
    body: file.body,
  });
  assert.equal(replacement.body, file.body);
  await deleteTemplate(session.client, MEMBERSHIP, old.id);
  assert.equal(emu.state.templates.has(old.id), false);
  assert.equal(emu.state.templates.has(replacement.id), true);

  const err = await thrown(() => getTemplate(session.client, MEMBERSHIP, old.id));
  const f = describeAwsError('Update analysis template', err);
  assert.equal(f.kind, 'notFound');
  assert.match(f.message, /^Update analysis template failed: .*was not found/);
  assert.match(f.message, new RegExp(old.id));
});

test('creating under a name that exists is a conflict with a clear message', async (t) => {
  const { emu, session } = await useSession(t);
  const s = [...emu.state.templates.values()].find((x) => x.membershipId === MEMBERSHIP)!;
  const err = await thrown(() =>
    createTemplate(session.client, MEMBERSHIP, { name: s.name, parameters: [], body: 'SELECT 1' }),
  );
  const f = describeAwsError('Create analysis template', err);
  assert.equal(f.kind, 'conflict');
  assert.match(
    f.message,
    /^Create analysis template failed: it already exists \(.*\)\. Choose a different name\.$/,
  );
});

test('names: version suffixes and the service name rule', () => {
  assert.equal(nextVersionName('Reach'), 'Reach v2');
  assert.equal(nextVersionName('Reach v2'), 'Reach v3');
  assert.equal(nextVersionName('Reach', ['Reach v2', 'Reach v3']), 'Reach v4');
  assert.equal(templateNameProblem('my-template'), undefined);
  assert.match(templateNameProblem('a--b')!, /single hyphens/);
  assert.match(templateNameProblem('-a')!, /single hyphens/);
  assert.match(templateNameProblem('x'.repeat(129))!, /129 characters/);
  assert.equal(templateFileName('Reach: by/day'), 'Reach_by_day.cleanrooms.sql');
  assert.equal(
    renderTemplateFile({ name: 'x', parameters: [], body: 'SELECT 1' }).text,
    '-- @name x\nSELECT 1',
  );
});
