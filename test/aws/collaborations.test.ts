// What the Clean Rooms view and the membership quick pick read: collaborations, memberships,
// template pages (1,000 templates) and DP validation statuses in batches of 10.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BATCH_GET_TEMPLATES_LIMIT,
  listActiveMemberships,
  listCollaborationsPage,
  listCollaborationTemplatesPage,
  templateValidations,
  type TemplateSummary,
} from '../../client/src/aws/collaborations';
import { describeAwsError } from '../../client/src/aws/errors';
import { GENERATED_COLLABORATION_ID, seedWithTemplates } from '../emulator/server';
import { useSession } from './support';

test('collaborations and active memberships of the caller', async (t) => {
  const { emu, session } = await useSession(t);
  const page = await listCollaborationsPage(session.client);
  assert.equal(page.nextToken, undefined);
  assert.deepEqual(page.items.map((c) => c.id).sort(), [...emu.state.collaborations.keys()].sort());
  for (const c of page.items) {
    assert.equal(c.name, emu.state.collaborations.get(c.id)!.name);
    const mine = [...emu.state.memberships.values()].find(
      (m) => m.collaborationId === c.id && m.accountId === emu.state.accountId,
    );
    assert.equal(c.membershipId, mine?.id);
  }
  const memberships = await listActiveMemberships(session.client);
  const expected = [...emu.state.memberships.values()].filter(
    (m) => m.accountId === emu.state.accountId && (m.status ?? 'ACTIVE') === 'ACTIVE',
  );
  assert.deepEqual(memberships.map((m) => m.id).sort(), expected.map((m) => m.id).sort());
  for (const m of memberships)
    assert.equal(m.collaborationName, emu.state.collaborations.get(m.collaborationId)!.name);
});

test('collaboration pages of 1 follow nextToken to the end', async (t) => {
  const { emu, session } = await useSession(t);
  const seen: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await listCollaborationsPage(session.client, token, 1);
    assert.ok(page.items.length <= 1);
    seen.push(...page.items.map((c) => c.id));
    token = page.nextToken;
    if (!token) break;
  }
  assert.equal(token, undefined);
  assert.deepEqual([...seen].sort(), [...emu.state.collaborations.keys()].sort());
});

test('1,000 templates page through, each exactly once', async (t) => {
  const { session } = await useSession(t, { emulator: { seed: seedWithTemplates(1000) } });
  const all: TemplateSummary[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await listCollaborationTemplatesPage(
      session.client,
      GENERATED_COLLABORATION_ID,
      token,
      100,
    );
    all.push(...page.items);
    token = page.nextToken;
    pages++;
  } while (token && pages < 50);
  assert.equal(pages, 10);
  assert.equal(all.length, 1000);
  assert.equal(new Set(all.map((x) => x.arn)).size, 1000);
  assert.deepEqual(
    [...all.map((x) => x.name)].sort(),
    Array.from({ length: 1000 }, (_, i) => `template-${String(i + 1).padStart(4, '0')}`),
  );
  for (const x of all) {
    assert.equal(x.collaborationId, GENERATED_COLLABORATION_ID);
    assert.match(x.membershipId!, /^[0-9a-f-]{36}$/);
  }
});

test('validation statuses come in batches of at most 10, one status per template', async (t) => {
  const requests: string[] = [];
  const { session } = await useSession(t, {
    emulator: { seed: seedWithTemplates(25), log: (l) => requests.push(l) },
  });
  const page = await listCollaborationTemplatesPage(
    session.client,
    GENERATED_COLLABORATION_ID,
    undefined,
    25,
  );
  assert.equal(page.items.length, 25);
  const validations = await templateValidations(
    session.client,
    GENERATED_COLLABORATION_ID,
    page.items.map((x) => x.arn),
    (e) => describeAwsError('x', e).message,
  );
  assert.equal(validations.size, 25);
  for (const x of page.items) {
    const v = validations.get(x.arn)!;
    assert.equal(v.error, undefined);
    assert.equal(v.status, 'VALID', `${x.name}: ${v.reasons.join('; ')}`);
  }
  const batchCalls = requests.filter((l) =>
    /^POST \/collaborations\/[^/]+\/batch-analysistemplates /.test(l),
  );
  assert.equal(BATCH_GET_TEMPLATES_LIMIT, 10, 'the service limit');
  assert.equal(batchCalls.length, 3);
});

test('INVALID templates carry their reasons; unknown ARNs are marked, not fatal', async (t) => {
  const { emu, session } = await useSession(t);
  const collaborationId = '3f1c2b7e-5a4d-4c6e-9b8a-1d2e3f4a5b6c';
  const page = await listCollaborationTemplatesPage(session.client, collaborationId);
  const ghost = page.items[0].arn.replace(
    /analysistemplate\/.*$/,
    'analysistemplate/00000000-0000-4000-8000-00000000dead',
  );
  const validations = await templateValidations(
    session.client,
    collaborationId,
    [...page.items.map((x) => x.arn), ghost],
    (e) => describeAwsError('Reading template validation', e).message,
  );
  const invalid = page.items.filter((x) => validations.get(x.arn)?.status === 'INVALID');
  assert.ok(invalid.length > 0, 'the demo seed has INVALID templates');
  for (const x of invalid)
    assert.ok(validations.get(x.arn)!.reasons.length > 0, `${x.name} lists reasons`);
  assert.equal(
    page.items.length,
    [...emu.state.templates.values()].filter((s) => s.collaborationId === collaborationId).length,
  );
  const g = validations.get(ghost)!;
  assert.equal(g.status, undefined);
  assert.match(g.error!, /\S+: /);
});

test('a failed validation batch marks its templates with the clear message', async (t) => {
  const { emu, session } = await useSession(t, { session: { maxAttempts: 1 } });
  const collaborationId = '3f1c2b7e-5a4d-4c6e-9b8a-1d2e3f4a5b6c';
  const page = await listCollaborationTemplatesPage(session.client, collaborationId);
  emu.setFaults({ failEvery: 1 });
  const validations = await templateValidations(
    session.client,
    collaborationId,
    page.items.map((x) => x.arn),
    (e) => describeAwsError('Reading template validation', e).message,
  );
  for (const x of page.items) {
    assert.match(
      validations.get(x.arn)!.error!,
      /^Reading template validation failed: AWS Clean Rooms had an internal error/,
    );
  }
});
