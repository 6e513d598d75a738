// Refresh Schema's analysis-rule mapping, with the real SDK against the emulator: every control
// of the custom rule lands in cleanrooms.schema.json, the checks use it, and reads the caller's
// IAM policy refuses (or rules the file cannot hold) leave the table out with a clear warning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCollaborationSchema, renderSchemaFile } from '../../client/src/aws/schemas';
import { analyze } from '../../server/src/core/analyze';
import { parseSchema } from '../../server/src/core/schema/parse';
import { loadSeed, type Seed } from '../emulator/server';
import { DEMO_SEED, useSession } from './support';

const demo = loadSeed(DEMO_SEED);
const social = demo.collaborations.find((c) => c.name === 'SocialCo x Athletic Brand')!;
const retail = demo.collaborations.find((c) => c.name === 'Retail loyalty')!;

test('the demo: disallowed output columns, providers, additional analyses and listed templates are written', async (t) => {
  const { session } = await useSession(t);
  const socialTables = (await readCollaborationSchema(session.client, social.id)).schema.tables;
  const impressions = socialTables.find((x) => x.name === 'socialco_impressions')!;
  assert.deepEqual(impressions.disallowedOutputColumns, ['emailsha256']);
  assert.deepEqual(impressions.allowedAnalyses, ['ANY_QUERY']);
  assert.deepEqual(impressions.allowedAnalysisProviders, ['111122223333', '444455556666']);
  assert.equal(impressions.additionalAnalyses, 'NOT_ALLOWED');

  // The caller (111122223333) does not own Retail Co's tables, and still reads their rules.
  const { schema, warnings } = await readCollaborationSchema(session.client, retail.id);
  assert.deepEqual(warnings, []);
  const members = schema.tables.find((x) => x.name === 'members')!;
  assert.equal(members.creatorAccountId, '777788889999');
  assert.equal(members.allowedAnalyses?.length, 2);
  assert.ok(
    members.allowedAnalyses?.every((a) =>
      a.startsWith('arn:aws:cleanrooms:us-east-1:111122223333:membership/'),
    ),
  );
  assert.deepEqual(members.disallowedOutputColumns, ['city']);
  assert.deepEqual(
    Object.keys(members),
    [
      'name',
      'analysisRuleType',
      'differentialPrivacy',
      'creatorAccountId',
      'allowedAnalyses',
      'disallowedOutputColumns',
      'columns',
    ],
    'the file keeps a stable key order',
  );
});

test('the refreshed file drives RUL001 and RUL002 on the demo templates', async (t) => {
  const { session, emu } = await useSession(t);
  const { schema: file } = await readCollaborationSchema(session.client, retail.id);
  const { schema, diagnostics } = parseSchema(renderSchemaFile(file));
  assert.deepEqual(diagnostics, []);
  const arnOf = (name: string) => {
    const stored = [...emu.state.templates.values()].find((x) => x.name === name)!;
    return `arn:aws:cleanrooms:us-east-1:111122223333:membership/${stored.membershipId}/analysistemplate/${stored.id}`;
  };
  const template = (name: string, body: string) =>
    `-- @name ${name.replace(/ /g, '_')}\n-- @arn ${arnOf(name)}\n${body}`;

  const listed = analyze(
    template('Loyalty members', 'SELECT COUNT(DISTINCT loyalty_number) FROM members'),
    schema,
  );
  assert.deepEqual(
    listed.diagnostics.filter((d) => d.code.startsWith('RUL')),
    [],
  );
  const unlisted = analyze(
    template(
      'Salary variance by gender',
      'SELECT gender, VAR_SAMP(salary) AS salary_var FROM members GROUP BY gender',
    ),
    schema,
  );
  assert.deepEqual(
    unlisted.diagnostics.filter((d) => d.code.startsWith('RUL')).map((d) => d.code),
    ['RUL002'],
  );
  const byCity = analyze(
    template(
      'Loyalty members',
      'SELECT city, COUNT(DISTINCT loyalty_number) FROM members GROUP BY city',
    ),
    schema,
  );
  assert.deepEqual(
    byCity.diagnostics.filter((d) => d.code === 'RUL001').map((d) => d.severity),
    ['error'],
  );
});

test('BatchGetSchemaAnalysisRule refused by IAM: the rules are read table by table', async (t) => {
  const requests: string[] = [];
  const seed: Seed = { ...demo, deniedActions: ['cleanrooms:BatchGetSchemaAnalysisRule'] };
  const { session } = await useSession(t, { emulator: { seed, log: (l) => requests.push(l) } });
  const { session: plain } = await useSession(t);
  const { schema, warnings } = await readCollaborationSchema(session.client, social.id);
  assert.deepEqual(warnings, []);
  assert.deepEqual(schema, (await readCollaborationSchema(plain.client, social.id)).schema);
  assert.equal(requests.filter((l) => /batch-schema-analysis-rule 403 /.test(l)).length, 1);
  assert.equal(requests.filter((l) => /\/analysisRule\/CUSTOM 200 /.test(l)).length, 3);
});

test('both rule reads refused: CUSTOM tables are left out (never written as non-DP), with the IAM actions named', async (t) => {
  const seed: Seed = {
    ...demo,
    deniedActions: ['cleanrooms:BatchGetSchemaAnalysisRule', 'cleanrooms:GetSchemaAnalysisRule'],
  };
  const { session } = await useSession(t, { emulator: { seed } });
  const { schema, warnings } = await readCollaborationSchema(session.client, social.id);
  assert.deepEqual(schema.tables, []);
  assert.equal(warnings.length, 3);
  for (const w of warnings)
    assert.match(
      w,
      /^table \w+: its analysis rule could not be read \(access denied: your IAM identity needs cleanrooms:BatchGetSchemaAnalysisRule or cleanrooms:GetSchemaAnalysisRule\); left out of cleanrooms.schema.json, so templates using it are UNABLE_TO_VALIDATE\.$/,
    );
  const verdict = analyze(
    '-- @name t\nSELECT COUNT(DISTINCT user_id) FROM socialco_impressions',
    parseSchema(renderSchemaFile(schema)).schema,
  ).verdict;
  assert.equal(verdict, 'UNABLE_TO_VALIDATE');
});

test('a differential-privacy configuration with several user identifier columns leaves the table out', async (t) => {
  const seed: Seed = {
    ...demo,
    schemas: demo.schemas.map((s) =>
      s.name === 'socialco_users'
        ? {
            ...s,
            customRule: {
              allowedAnalyses: ['ANY_QUERY'],
              differentialPrivacy: { columns: [{ name: 'user_id' }, { name: 'emailsha256' }] },
            },
          }
        : s,
    ),
  };
  const { session } = await useSession(t, { emulator: { seed } });
  const { schema, warnings } = await readCollaborationSchema(session.client, social.id);
  assert.deepEqual(
    schema.tables.map((x) => x.name),
    ['athletic_brand_sales', 'socialco_impressions'],
  );
  assert.deepEqual(warnings, [
    'table socialco_users: its differential-privacy configuration names 2 user identifier columns (user_id, emailsha256) where the service allows exactly one; left out of cleanrooms.schema.json, so templates using it are UNABLE_TO_VALIDATE.',
  ]);
});

test("the owner's association rule is merged into the consolidated policy the file is written from", async (t) => {
  const { session } = await useSession(t);
  const { GetSchemaAnalysisRuleCommand } = await import('@aws-sdk/client-cleanrooms');
  const out = await session.client.send(
    new GetSchemaAnalysisRuleCommand({
      collaborationIdentifier: retail.id,
      name: 'members',
      type: 'CUSTOM',
    }),
  );
  const v1 = out.analysisRule?.collaborationPolicy?.v1;
  assert.deepEqual(v1 && 'custom' in v1 ? v1.custom?.allowedResultReceivers : undefined, [
    '111122223333',
  ]);
  const consolidated = out.analysisRule?.consolidatedPolicy?.v1;
  const custom = consolidated && 'custom' in consolidated ? consolidated.custom : undefined;
  assert.deepEqual(custom?.allowedResultReceivers, ['111122223333']);
  assert.deepEqual(custom?.disallowedOutputColumns, ['city']);
  assert.equal(custom?.differentialPrivacy?.columns?.[0].name, 'loyalty_number');
});
