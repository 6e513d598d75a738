// Every error shape the service models, thrown by the real SDK as its own exception classes.
import {
  AccessDeniedException,
  ConflictException,
  CreateAnalysisTemplateCommand,
  GetAnalysisTemplateCommand,
  GetCollaborationAnalysisTemplateCommand,
  GetMembershipCommand,
  GetSchemaAnalysisRuleCommand,
  InternalServerException,
  ListCollaborationsCommand,
  ListMembershipsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateAnalysisTemplateCommand,
  ValidationException,
  type CleanRoomsClient,
  type CreateAnalysisTemplateCommandInput,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-cleanrooms';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientFor, demoSeed, FAKE_SIGNED_HEADERS, thrown } from './harness';
import { startEmulator, type Emulator } from './server';

const membershipId = demoSeed.memberships[0].id;
const collaborationId = demoSeed.collaborations[0].id;
const existing = demoSeed.templates.find((t) => t.membershipId === membershipId)!;

const input = (
  overrides: Partial<CreateAnalysisTemplateCommandInput>,
): CreateAnalysisTemplateCommandInput => ({
  membershipIdentifier: membershipId,
  name: 'Valid name',
  format: 'SQL',
  source: { text: 'SELECT COUNT(DISTINCT user_id) FROM socialco_users' },
  ...overrides,
});

describe('error shapes', () => {
  let emu: Emulator;
  let client: CleanRoomsClient;
  before(async () => {
    emu = await startEmulator({ seed: demoSeed });
    client = clientFor(emu, { maxAttempts: 1 });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    client.destroy();
    await emu.close();
  });

  async function validationFields(
    overrides: Partial<CreateAnalysisTemplateCommandInput>,
  ): Promise<string[]> {
    const error = await thrown(() =>
      client.send(new CreateAnalysisTemplateCommand(input(overrides))),
    );
    assert.ok(
      error instanceof ValidationException,
      `expected ValidationException, got ${error.name}: ${error.message}`,
    );
    assert.equal(error.$metadata.httpStatusCode, 400);
    assert.equal(error.reason, 'FIELD_VALIDATION_FAILED');
    assert.match(error.message, /^\d+ validation errors? detected: /);
    return error.fieldList!.map((f) => f.name ?? '');
  }

  it('ValidationException names each field that breaks a model constraint', async () => {
    for (const name of ['a--b', '-a', 'a-', 'x.y', ''])
      assert.deepEqual(await validationFields({ name }), ['name'], name);
    assert.deepEqual(await validationFields({ name: 'n'.repeat(129) }), ['name']);
    assert.deepEqual(await validationFields({ description: 'bell \u0007' }), ['description']);
    assert.deepEqual(await validationFields({ description: 'd'.repeat(256) }), ['description']);
    assert.deepEqual(await validationFields({ source: { text: 'x'.repeat(500_001) } }), [
      'source.text',
    ]);
    assert.deepEqual(
      await validationFields({
        analysisParameters: [
          { name: 'bad-name', type: 'VARCHAR' },
          { name: 'ok', type: 'TEXT' as never },
          { name: 'long_default', type: 'VARCHAR', defaultValue: 'v'.repeat(1001) },
          { name: 'p'.repeat(101), type: 'INT' },
        ],
      }),
      [
        'analysisParameters.1.member.name',
        'analysisParameters.2.member.type',
        'analysisParameters.3.member.defaultValue',
        'analysisParameters.4.member.name',
      ],
    );
    const fiftyOne = Array.from({ length: 51 }, (_, i) => ({
      name: `p${i}`,
      type: 'INT' as const,
    }));
    assert.deepEqual(await validationFields({ analysisParameters: fiftyOne }), [
      'analysisParameters',
    ]);
    assert.deepEqual(await validationFields({ membershipIdentifier: 'NOT-A-UUID' }), [
      'membershipIdentifier',
    ]);
  });

  it('ValidationException INVALID_CONFIGURATION when the source does not fit the format', async () => {
    const pyspark = await thrown(() =>
      client.send(new CreateAnalysisTemplateCommand(input({ format: 'PYSPARK_1_0' }))),
    );
    assert.ok(pyspark instanceof ValidationException);
    assert.equal(pyspark.reason, 'INVALID_CONFIGURATION');
    assert.match(pyspark.message, /needs source\.artifacts/);
    const artifacts = {
      entryPoint: { location: { bucket: 'jobs-bucket', key: 'entry.py' } },
      roleArn: 'arn:aws:iam::111122223333:role/CleanRoomsJobRole',
    };
    const sql = await thrown(() =>
      client.send(new CreateAnalysisTemplateCommand(input({ source: { artifacts } }))),
    );
    assert.ok(sql instanceof ValidationException);
    assert.equal(sql.reason, 'INVALID_CONFIGURATION');
    assert.match(sql.message, /needs source\.text/);
  });

  it("ValidationException names every PySpark artifact and synthetic-data field out of the model's bounds", async () => {
    const fields = async (overrides: Partial<CreateAnalysisTemplateCommandInput>) => {
      const error = await thrown(() =>
        client.send(new CreateAnalysisTemplateCommand(input(overrides))),
      );
      assert.ok(error instanceof ValidationException);
      assert.equal(error.reason, 'FIELD_VALIDATION_FAILED');
      return error.fieldList?.map((f) => f.name);
    };
    const location = (bucket: string, key: string) => ({ location: { bucket, key } });
    assert.deepEqual(
      await fields({
        format: 'PYSPARK_1_0',
        source: {
          artifacts: {
            entryPoint: location('AB', 'ok.py'),
            additionalArtifacts: [location('ok-bucket', 'a.zip'), location('ok-bucket', 'b zip')],
            roleArn: 'arn:aws:iam::1:user/x',
          },
        },
      }),
      [
        'source.artifacts.entryPoint.location.bucket',
        'source.artifacts.additionalArtifacts',
        'source.artifacts.additionalArtifacts.2.member.location.key',
        'source.artifacts.roleArn',
      ],
    );
    const column = (columnName: string) => ({
      columnName,
      columnType: 'CATEGORICAL' as const,
      isPredictiveValue: false,
    });
    assert.deepEqual(
      await fields({
        syntheticDataParameters: {
          mlSyntheticDataParameters: {
            epsilon: 11,
            maxMembershipInferenceAttackScore: 0.4,
            columnClassification: { columnMapping: [column('a'), column('B')] },
          },
        },
        errorMessageConfiguration: { type: 'BRIEF' as never },
        schema: { referencedTables: ['-bad'] },
      }),
      [
        'schema.referencedTables.1.member',
        'errorMessageConfiguration.type',
        'syntheticDataParameters.mlSyntheticDataParameters.epsilon',
        'syntheticDataParameters.mlSyntheticDataParameters.maxMembershipInferenceAttackScore',
        'syntheticDataParameters.mlSyntheticDataParameters.columnClassification.columnMapping',
        'syntheticDataParameters.mlSyntheticDataParameters.columnClassification.columnMapping.2.member.columnName',
      ],
    );
  });

  it('ValidationException for an analysis rule type outside the enum', async () => {
    const error = await thrown(() =>
      client.send(
        new GetSchemaAnalysisRuleCommand({
          collaborationIdentifier: collaborationId,
          name: 'socialco_users',
          type: 'FOO' as never,
        }),
      ),
    );
    assert.ok(error instanceof ValidationException);
    assert.deepEqual(
      error.fieldList?.map((f) => f.name),
      ['type'],
    );
  });

  it('accepts the boundary values', async () => {
    const out = await client.send(
      new CreateAnalysisTemplateCommand(
        input({
          name: 'a - b'.padEnd(128, 'c'),
          description: 'é 😀\ttab\r\n'.padEnd(255, 'd'),
          analysisParameters: Array.from({ length: 50 }, (_, i) => ({
            name: `p_${i}`,
            type: 'TIMESTAMP_NTZ' as const,
            defaultValue: 'v'.repeat(1000),
          })),
        }),
      ),
    );
    assert.equal(out.analysisTemplate?.name?.length, 128);
    assert.equal(out.analysisTemplate?.analysisParameters?.length, 50);
  });

  it('ValidationException for maxResults outside 1–100 and for a forged nextToken', async () => {
    for (const maxResults of [0, 101]) {
      const error = await thrown(() => client.send(new ListCollaborationsCommand({ maxResults })));
      assert.ok(error instanceof ValidationException);
      assert.deepEqual(
        error.fieldList?.map((f) => f.name),
        ['maxResults'],
      );
    }
    const forged = await thrown(() =>
      client.send(new ListMembershipsCommand({ nextToken: 'not-a-token' })),
    );
    assert.ok(forged instanceof ValidationException);
    assert.deepEqual(
      forged.fieldList?.map((f) => f.name),
      ['nextToken'],
    );
  });

  it('ResourceNotFoundException carries resourceId and resourceType', async () => {
    const unknown = '00000000-0000-4000-8000-00000000dead';
    const membership = await thrown(() =>
      client.send(new GetMembershipCommand({ membershipIdentifier: unknown })),
    );
    assert.ok(membership instanceof ResourceNotFoundException);
    assert.equal(membership.$metadata.httpStatusCode, 404);
    assert.equal(membership.resourceId, unknown);
    assert.equal(membership.resourceType, 'MEMBERSHIP');

    const template = await thrown(() =>
      client.send(
        new GetAnalysisTemplateCommand({
          membershipIdentifier: membershipId,
          analysisTemplateIdentifier: unknown,
        }),
      ),
    );
    assert.ok(template instanceof ResourceNotFoundException);
    assert.equal(template.resourceId, unknown);

    const arn = `arn:aws:cleanrooms:us-east-1:111122223333:membership/${membershipId}/analysistemplate/${existing.id}`;
    const collaboration = await thrown(() =>
      client.send(
        new GetCollaborationAnalysisTemplateCommand({
          collaborationIdentifier: unknown,
          analysisTemplateArn: arn,
        }),
      ),
    );
    assert.ok(collaboration instanceof ResourceNotFoundException);
    assert.equal(collaboration.resourceType, 'COLLABORATION');

    // A membership that belongs to another account is not the caller's to read.
    const foreign = demoSeed.memberships.find((m) => m.accountId !== undefined)!;
    const other = await thrown(() =>
      client.send(new GetMembershipCommand({ membershipIdentifier: foreign.id })),
    );
    assert.ok(other instanceof ResourceNotFoundException);
    assert.equal(other.resourceId, foreign.id);

    const missingArn = arn.replace(existing.id, unknown);
    const inCollaboration = await thrown(() =>
      client.send(
        new GetCollaborationAnalysisTemplateCommand({
          collaborationIdentifier: collaborationId,
          analysisTemplateArn: missingArn,
        }),
      ),
    );
    assert.ok(inCollaboration instanceof ResourceNotFoundException);
    assert.equal(inCollaboration.resourceId, missingArn);
    assert.equal(inCollaboration.resourceType, 'ANALYSIS_TEMPLATE');
  });

  it('ConflictException for a duplicate name in the membership', async () => {
    const error = await thrown(() =>
      client.send(new CreateAnalysisTemplateCommand(input({ name: existing.name }))),
    );
    assert.ok(error instanceof ConflictException);
    assert.equal(error.$metadata.httpStatusCode, 409);
    assert.equal(error.reason, 'ALREADY_EXISTS');
    assert.equal(error.resourceId, membershipId);
    assert.match(error.message, new RegExp(existing.name));
  });

  it('ServiceQuotaExceededException (402) past the templates-per-membership quota', async () => {
    const quotaEmu = await startEmulator({
      seed: { ...demoSeed, quotas: { analysisTemplatesPerMembership: 2 }, templates: [] },
    });
    const quotaClient = clientFor(quotaEmu, { maxAttempts: 1 });
    try {
      await quotaClient.send(new CreateAnalysisTemplateCommand(input({ name: 'one' })));
      await quotaClient.send(new CreateAnalysisTemplateCommand(input({ name: 'two' })));
      const error = await thrown(() =>
        quotaClient.send(new CreateAnalysisTemplateCommand(input({ name: 'three' }))),
      );
      assert.ok(error instanceof ServiceQuotaExceededException);
      assert.equal(error.$metadata.httpStatusCode, 402);
      assert.equal(error.quotaName, 'Analysis templates per membership');
      assert.equal(error.quotaValue, 2);
    } finally {
      quotaClient.destroy();
      await quotaEmu.close();
    }
  });

  it('AccessDeniedException (403) when the Authorization header is missing', async () => {
    const unsigned = clientFor(emu, { maxAttempts: 1 });
    // Runs after the SDK signs the request, so what reaches the emulator is a request without
    // its Authorization header, as from a client that lost its credentials.
    const stripAuthorization: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
      (next) => async (args) => {
        delete (args.request as { headers: Record<string, string> }).headers.authorization;
        return next(args);
      };
    unsigned.middlewareStack.addRelativeTo(stripAuthorization, {
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
      name: 'stripAuthorization',
    });
    try {
      const error = await thrown(() => unsigned.send(new ListCollaborationsCommand({})));
      assert.ok(error instanceof AccessDeniedException, `got ${error.name}`);
      assert.equal(error.$metadata.httpStatusCode, 403);
      assert.match(error.message, /Missing Authentication Token/);
    } finally {
      unsigned.destroy();
    }
  });

  it('an unsigned plain HTTP request gets 403 with the restJson1 error header and body', async () => {
    const res = await fetch(`${emu.url}/collaborations`);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-amzn-errortype'), 'AccessDeniedException');
    const body = (await res.json()) as { message: string };
    assert.match(body.message, /Missing Authentication Token/);

    const forged = await fetch(`${emu.url}/collaborations`, {
      headers: { authorization: 'Bearer abc' },
    });
    assert.equal(forged.status, 403);
    assert.match(((await forged.json()) as { message: string }).message, /Signature Version 4/);
  });

  it('ThrottlingException (429) and InternalServerException (500) once retries are exhausted', async () => {
    emu.setFaults({ throttleEvery: 1 });
    const throttledError = await thrown(() => client.send(new ListCollaborationsCommand({})));
    assert.ok(throttledError instanceof ThrottlingException);
    assert.equal(throttledError.$metadata.httpStatusCode, 429);

    emu.setFaults({ failEvery: 1 });
    const internal = await thrown(() => client.send(new ListCollaborationsCommand({})));
    assert.ok(internal instanceof InternalServerException);
    assert.equal(internal.$metadata.httpStatusCode, 500);
    assert.equal(internal.$fault, 'server');
  });

  it('malformed bodies get a ValidationException, never a crash', async () => {
    const post = (body: string) =>
      fetch(`${emu.url}/memberships/${membershipId}/analysistemplates`, {
        method: 'POST',
        headers: FAKE_SIGNED_HEADERS,
        body,
      });
    const cases: [string, string[]][] = [
      ['not json', ['body']],
      ['[1,2]', ['body']],
      ['{"name":5,"format":"SQL","source":{"text":"SELECT 1"}}', ['name']],
      ['{"name":"ok","format":"SQL","source":{"text":1}}', ['source.text']],
      ['{"name":"ok","format":"SQL","source":{}}', ['source']],
      [
        '{"name":"ok","format":"SQL","source":{"text":"x"},"analysisParameters":{"a":1}}',
        ['analysisParameters'],
      ],
      [
        '{"name":"ok","format":"SQL","source":{"text":"x"},"analysisParameters":[null,{"name":"a"}]}',
        ['analysisParameters.1.member', 'analysisParameters.2.member.type'],
      ],
      ['{"name":"ok","format":"SQL","source":{"text":"x"},"tags":[]}', ['tags']],
    ];
    for (const [body, fields] of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, body);
      assert.equal(res.headers.get('x-amzn-errortype'), 'ValidationException', body);
      const parsed = (await res.json()) as { fieldList: { name: string }[] };
      assert.deepEqual(
        parsed.fieldList.map((f) => f.name),
        fields,
        body,
      );
    }
    const after = await client.send(new ListCollaborationsCommand({}));
    assert.equal(after.collaborationList?.length, 2);
  });

  it('UpdateAnalysisTemplate validates the description', async () => {
    const error = await thrown(() =>
      client.send(
        new UpdateAnalysisTemplateCommand({
          membershipIdentifier: membershipId,
          analysisTemplateIdentifier: existing.id,
          description: 'x\u0000',
        }),
      ),
    );
    assert.ok(error instanceof ValidationException);
    assert.deepEqual(
      error.fieldList?.map((f) => f.name),
      ['description'],
    );
  });
});
