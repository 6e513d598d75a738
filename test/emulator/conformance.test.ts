// For each route: the real SDK's request is accepted and the response parses into the documented
// output shape.
import {
  BatchGetCollaborationAnalysisTemplateCommand,
  BatchGetSchemaAnalysisRuleCommand,
  BatchGetSchemaCommand,
  CreateAnalysisTemplateCommand,
  DeleteAnalysisTemplateCommand,
  GetAnalysisTemplateCommand,
  GetCollaborationAnalysisTemplateCommand,
  GetCollaborationCommand,
  GetMembershipCommand,
  GetSchemaAnalysisRuleCommand,
  GetSchemaCommand,
  ListAnalysisTemplatesCommand,
  ListCollaborationAnalysisTemplatesCommand,
  ListCollaborationsCommand,
  ListMembershipsCommand,
  ListSchemasCommand,
  ResourceNotFoundException,
  UpdateAnalysisTemplateCommand,
  type CleanRoomsClient,
} from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEMPLATE_ARN } from '../../server/src/core/arn';
import { clientFor, demoSeed, thrown } from './harness';
import { startEmulator, type Emulator } from './server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const [social, retail] = demoSeed.collaborations;
const myMembership = demoSeed.memberships.find(
  (m) => m.collaborationId === social.id && m.accountId === undefined,
)!;
const brandMembership = demoSeed.memberships.find(
  (m) => m.collaborationId === social.id && m.accountId === '444455556666',
)!;
const brandTemplate = demoSeed.templates.find((t) => t.membershipId === brandMembership.id)!;
const paramTemplate = demoSeed.templates.find(
  (t) => t.membershipId === myMembership.id && (t.analysisParameters?.length ?? 0) > 1,
)!;

describe('SDK conformance', () => {
  let emu: Emulator;
  let client: CleanRoomsClient;
  const requestLines: string[] = [];
  before(async () => {
    emu = await startEmulator({ seed: demoSeed, log: (line) => requestLines.push(line) });
    client = clientFor(emu);
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  it('ListCollaborations', async () => {
    const out = await client.send(new ListCollaborationsCommand({ maxResults: 10 }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(
      out.collaborationList?.map((c) => c.name),
      [social.name, retail.name],
    );
    const c = out.collaborationList![0];
    assert.equal(c.id, social.id);
    assert.equal(
      c.arn,
      `arn:aws:cleanrooms:us-east-1:${social.creatorAccountId}:collaboration/${social.id}`,
    );
    assert.ok(c.createTime instanceof Date);
    assert.equal(c.createTime.toISOString(), new Date(social.createTime!).toISOString());
    assert.equal(c.memberStatus, 'ACTIVE');
    assert.equal(c.membershipId, myMembership.id);
    assert.equal(out.nextToken, undefined);
  });

  it('GetCollaboration', async () => {
    const out = await client.send(
      new GetCollaborationCommand({ collaborationIdentifier: retail.id }),
    );
    assert.equal(out.collaboration?.name, 'Retail loyalty');
    assert.equal(out.collaboration?.creatorDisplayName, retail.creatorDisplayName);
    assert.equal(out.collaboration?.description, retail.description);
    assert.equal(out.collaboration?.queryLogStatus, 'ENABLED');
  });

  it("ListMemberships lists only the caller's memberships and filters by status", async () => {
    const out = await client.send(new ListMembershipsCommand({}));
    const mine = demoSeed.memberships.filter((m) => m.accountId === undefined).map((m) => m.id);
    assert.deepEqual(
      out.membershipSummaries?.map((m) => m.id),
      mine,
    );
    assert.equal(out.membershipSummaries![0].collaborationName, social.name);
    assert.deepEqual(out.membershipSummaries![0].memberAbilities, [
      'CAN_QUERY',
      'CAN_RECEIVE_RESULTS',
    ]);
    assert.ok(out.membershipSummaries![0].updateTime instanceof Date);
    const removed = await client.send(new ListMembershipsCommand({ status: 'REMOVED' }));
    assert.deepEqual(removed.membershipSummaries, []);
  });

  it('GetMembership', async () => {
    const out = await client.send(
      new GetMembershipCommand({ membershipIdentifier: myMembership.id }),
    );
    assert.equal(out.membership?.id, myMembership.id);
    assert.equal(
      out.membership?.arn,
      `arn:aws:cleanrooms:us-east-1:111122223333:membership/${myMembership.id}`,
    );
    assert.equal(out.membership?.collaborationId, social.id);
    assert.equal(out.membership?.status, 'ACTIVE');
    assert.equal(out.membership?.paymentConfiguration?.queryCompute?.isResponsible, true);
  });

  it('ListSchemas', async () => {
    const out = await client.send(
      new ListSchemasCommand({ collaborationIdentifier: social.id, schemaType: 'TABLE' }),
    );
    assert.deepEqual(
      out.schemaSummaries?.map((s) => s.name),
      ['socialco_impressions', 'socialco_users', 'athletic_brand_sales'],
    );
    const sales = out.schemaSummaries![2];
    assert.equal(sales.creatorAccountId, '444455556666');
    assert.deepEqual(sales.analysisRuleTypes, ['CUSTOM']);
    assert.equal(sales.type, 'TABLE');
    assert.equal(
      sales.collaborationArn,
      `arn:aws:cleanrooms:us-east-1:111122223333:collaboration/${social.id}`,
    );
  });

  it('GetSchema reports DP configuration and columns', async () => {
    const dp = await client.send(
      new GetSchemaCommand({ collaborationIdentifier: social.id, name: 'socialco_users' }),
    );
    assert.deepEqual(
      dp.schema?.columns?.map((c) => c.name),
      ['user_id', 'emailsha256', 'phonesha256', 'region', 'age_band'],
    );
    assert.deepEqual(dp.schema?.schemaStatusDetails?.[0].configurations, ['DIFFERENTIAL_PRIVACY']);
    assert.equal(dp.schema?.schemaStatusDetails?.[0].status, 'READY');
    const plain = await client.send(
      new GetSchemaCommand({ collaborationIdentifier: social.id, name: 'athletic_brand_sales' }),
    );
    assert.equal(plain.schema?.schemaStatusDetails?.[0].configurations, undefined);
    assert.equal(plain.schema?.columns?.find((c) => c.name === 'sale_price')?.type, 'double');
  });

  it('BatchGetSchema returns found schemas and an error per missing name', async () => {
    const out = await client.send(
      new BatchGetSchemaCommand({
        collaborationIdentifier: retail.id,
        names: ['members', 'no_such_table', 'stores'],
      }),
    );
    assert.deepEqual(
      out.schemas?.map((s) => s.name),
      ['members', 'stores'],
    );
    assert.equal(out.errors?.length, 1);
    assert.equal(out.errors![0].name, 'no_such_table');
    assert.equal(out.errors![0].code, 'ResourceNotFoundException');
  });

  it('GetSchemaAnalysisRule returns the custom rule with its DP column', async () => {
    const out = await client.send(
      new GetSchemaAnalysisRuleCommand({
        collaborationIdentifier: retail.id,
        name: 'members',
        type: 'CUSTOM',
      }),
    );
    assert.equal(out.analysisRule?.name, 'members');
    assert.equal(out.analysisRule?.type, 'CUSTOM');
    assert.equal(
      out.analysisRule?.policy?.v1?.custom?.differentialPrivacy?.columns?.[0].name,
      'loyalty_number',
    );
    // Retail Co allows two of our templates only, and never shows `city`.
    const listed = [
      'a06c2d4e-1a3b-4c5d-8e7f-9a0b1c2d3e4f',
      'b17d3e5f-2b4c-4d6e-9f8a-0b1c2d3e4f5a',
    ].map(
      (id) =>
        `arn:aws:cleanrooms:us-east-1:111122223333:membership/2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f/analysistemplate/${id}`,
    );
    assert.deepEqual(out.analysisRule?.policy?.v1?.custom?.allowedAnalyses, listed);
    assert.deepEqual(out.analysisRule?.policy?.v1?.custom?.disallowedOutputColumns, ['city']);
    assert.equal(
      out.analysisRule?.consolidatedPolicy?.v1?.custom?.differentialPrivacy?.columns?.[0].name,
      'loyalty_number',
    );
    assert.deepEqual(out.analysisRule?.collaborationPolicy?.v1?.custom?.allowedResultReceivers, [
      '111122223333',
    ]);
  });

  it('BatchGetSchemaAnalysisRule', async () => {
    const out = await client.send(
      new BatchGetSchemaAnalysisRuleCommand({
        collaborationIdentifier: retail.id,
        schemaAnalysisRuleRequests: [
          { name: 'members', type: 'CUSTOM' },
          { name: 'stores', type: 'CUSTOM' },
          { name: 'stores', type: 'AGGREGATION' },
        ],
      }),
    );
    assert.deepEqual(
      out.analysisRules?.map((r) => r.name),
      ['members', 'stores'],
    );
    assert.equal(out.analysisRules![1].policy?.v1?.custom?.differentialPrivacy, undefined);
    assert.deepEqual(
      out.errors?.map((e) => [e.name, e.type, e.code]),
      [['stores', 'AGGREGATION', 'ResourceNotFoundException']],
    );
  });

  it('template lifecycle: Create, Get, Update, List, GetCollaboration…, BatchGet…, Delete', async () => {
    const text =
      'SELECT campaign_id, COUNT(DISTINCT user_id) AS reach\nFROM socialco_impressions\nWHERE device_type = :device -- é 😀\nGROUP BY campaign_id';
    const created = await client.send(
      new CreateAnalysisTemplateCommand({
        membershipIdentifier: myMembership.id,
        name: 'Reach by device',
        description: 'Created by the conformance test',
        format: 'SQL',
        source: { text },
        analysisParameters: [{ name: 'device', type: 'VARCHAR', defaultValue: 'mobile' }],
      }),
    );
    const t = created.analysisTemplate!;
    assert.match(t.id!, UUID);
    assert.match(t.arn!, TEMPLATE_ARN);
    assert.equal(
      t.arn,
      `arn:aws:cleanrooms:us-east-1:111122223333:membership/${myMembership.id}/analysistemplate/${t.id}`,
    );
    assert.equal(t.membershipId, myMembership.id);
    assert.equal(t.collaborationId, social.id);
    assert.equal(t.source?.text, text);
    assert.equal(t.format, 'SQL');
    assert.deepEqual(t.analysisParameters, [
      { name: 'device', type: 'VARCHAR', defaultValue: 'mobile' },
    ]);
    assert.deepEqual(t.schema?.referencedTables, ['socialco_impressions']);
    assert.equal(t.validations?.[0].type, 'DIFFERENTIAL_PRIVACY');
    assert.ok(
      t.createTime instanceof Date && Math.abs(t.createTime.getTime() - Date.now()) < 60_000,
    );

    const got = await client.send(
      new GetAnalysisTemplateCommand({
        membershipIdentifier: myMembership.id,
        analysisTemplateIdentifier: t.id,
      }),
    );
    assert.equal(got.analysisTemplate?.source?.text, text);
    assert.equal(got.analysisTemplate?.description, 'Created by the conformance test');

    const updated = await client.send(
      new UpdateAnalysisTemplateCommand({
        membershipIdentifier: myMembership.id,
        analysisTemplateIdentifier: t.id,
        description: 'New description',
      }),
    );
    assert.equal(updated.analysisTemplate?.description, 'New description');
    assert.equal(updated.analysisTemplate?.source?.text, text);
    assert.ok(updated.analysisTemplate!.updateTime!.getTime() >= t.createTime!.getTime());

    const listed = await client.send(
      new ListAnalysisTemplatesCommand({ membershipIdentifier: myMembership.id }),
    );
    const summary = listed.analysisTemplateSummaries?.find((s) => s.id === t.id);
    assert.equal(summary?.name, 'Reach by device');
    assert.equal(summary?.description, 'New description');
    assert.equal(
      summary?.membershipArn,
      `arn:aws:cleanrooms:us-east-1:111122223333:membership/${myMembership.id}`,
    );
    assert.equal(
      listed.analysisTemplateSummaries?.length,
      demoSeed.templates.filter((x) => x.membershipId === myMembership.id).length + 1,
    );

    const viaArn = await client.send(
      new GetCollaborationAnalysisTemplateCommand({
        collaborationIdentifier: social.id,
        analysisTemplateArn: t.arn,
      }),
    );
    assert.equal(viaArn.collaborationAnalysisTemplate?.id, t.id);
    assert.equal(viaArn.collaborationAnalysisTemplate?.creatorAccountId, '111122223333');
    assert.equal(viaArn.collaborationAnalysisTemplate?.source?.text, text);

    const missingArn = t.arn!.replace(t.id!, '00000000-0000-4000-8000-000000000000');
    const batch = await client.send(
      new BatchGetCollaborationAnalysisTemplateCommand({
        collaborationIdentifier: social.id,
        analysisTemplateArns: [t.arn!, missingArn],
      }),
    );
    assert.deepEqual(
      batch.collaborationAnalysisTemplates?.map((x) => x.id),
      [t.id],
    );
    assert.deepEqual(
      batch.errors?.map((e) => [e.arn, e.code]),
      [[missingArn, 'ResourceNotFoundException']],
    );

    const deleted = await client.send(
      new DeleteAnalysisTemplateCommand({
        membershipIdentifier: myMembership.id,
        analysisTemplateIdentifier: t.id,
      }),
    );
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const gone = await thrown(() =>
      client.send(
        new GetAnalysisTemplateCommand({
          membershipIdentifier: myMembership.id,
          analysisTemplateIdentifier: t.id,
        }),
      ),
    );
    assert.ok(gone instanceof ResourceNotFoundException);
  });

  it("ListCollaborationAnalysisTemplates includes other members' templates with their account", async () => {
    const out = await client.send(
      new ListCollaborationAnalysisTemplatesCommand({ collaborationIdentifier: social.id }),
    );
    const ids = out.collaborationAnalysisTemplateSummaries?.map((s) => s.id);
    assert.deepEqual(
      ids,
      demoSeed.templates
        .filter(
          (t) =>
            demoSeed.memberships.find((m) => m.id === t.membershipId)?.collaborationId ===
            social.id,
        )
        .map((t) => t.id),
    );
    const brand = out.collaborationAnalysisTemplateSummaries?.find(
      (s) => s.id === brandTemplate.id,
    );
    assert.equal(brand?.creatorAccountId, '444455556666');
    assert.equal(
      brand?.arn,
      `arn:aws:cleanrooms:us-east-1:444455556666:membership/${brandMembership.id}/analysistemplate/${brandTemplate.id}`,
    );
    assert.equal((brand as unknown as Record<string, unknown>).membershipId, undefined);
  });

  it('GetCollaborationAnalysisTemplate takes the URL-encoded ARN and returns parameters', async () => {
    const arn = `arn:aws:cleanrooms:us-east-1:111122223333:membership/${myMembership.id}/analysistemplate/${paramTemplate.id}`;
    const out = await client.send(
      new GetCollaborationAnalysisTemplateCommand({
        collaborationIdentifier: social.id,
        analysisTemplateArn: arn,
      }),
    );
    const t = out.collaborationAnalysisTemplate!;
    assert.equal(t.arn, arn);
    assert.equal(t.name, paramTemplate.name);
    assert.deepEqual(t.analysisParameters, paramTemplate.analysisParameters);
    assert.equal(t.source?.text, paramTemplate.text);
    const onWire = `/collaborations/${social.id}/analysistemplates/${encodeURIComponent(arn)}`;
    assert.ok(
      requestLines.some((line) => line.startsWith(`GET ${onWire} 200`)),
      `expected a request line for ${onWire}`,
    );
  });
});
