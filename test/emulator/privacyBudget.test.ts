// Privacy budgets, budget templates, PreviewPrivacyImpact and the PySpark / synthetic-data
// template fields: the real SDK's requests are accepted and the answers follow the service model
// and the emulator's documented count model (README, "Privacy budget").
import {
  CreateAnalysisTemplateCommand,
  GetAnalysisTemplateCommand,
  GetCollaborationAnalysisTemplateCommand,
  GetCollaborationPrivacyBudgetTemplateCommand,
  GetPrivacyBudgetTemplateCommand,
  ListAnalysisTemplatesCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ValidationException,
  paginateListCollaborationPrivacyBudgets,
  paginateListCollaborationPrivacyBudgetTemplates,
  paginateListPrivacyBudgets,
  paginateListPrivacyBudgetTemplates,
  PreviewPrivacyImpactCommand,
  type CleanRoomsClient,
} from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientFor, demoSeed, thrown } from './harness';
import { AGGREGATION_COST, EPSILON_SCALE, maxCount } from './privacyBudget';
import { startEmulator, type Emulator } from './server';

const social = demoSeed.collaborations.find((c) => c.name === 'SocialCo x Athletic Brand')!;
const retail = demoSeed.collaborations.find((c) => c.name === 'Retail loyalty')!;
const myMembership = demoSeed.memberships.find(
  (m) => m.collaborationId === social.id && !m.accountId,
)!;
const retailMembership = demoSeed.memberships.find(
  (m) => m.collaborationId === retail.id && !m.accountId,
)!;
const budgetTemplate = demoSeed.privacyBudgetTemplates![0];

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('privacy budgets and every template kind', () => {
  let emu: Emulator;
  let client: CleanRoomsClient;
  before(async () => {
    emu = await startEmulator({ seed: demoSeed });
    client = clientFor(emu);
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  it('the count model: more epsilon buys more runs, more noise fewer, costlier aggregations fewer', () => {
    assert.equal(maxCount('COUNT', 3, 30), Math.floor((EPSILON_SCALE * 3) / 30));
    assert.ok(maxCount('COUNT', 6, 30) > maxCount('COUNT', 3, 30));
    assert.ok(maxCount('COUNT', 3, 60) < maxCount('COUNT', 3, 30));
    assert.ok(maxCount('STDDEV', 3, 30) < maxCount('SUM', 3, 30));
    assert.equal(
      maxCount('AVG', 3, 30),
      Math.floor((EPSILON_SCALE * 3) / (30 * AGGREGATION_COST.AVG)),
    );
  });

  it('ListCollaborationPrivacyBudgets and ListPrivacyBudgets (paginated) give epsilon and per-type remaining/max counts', async () => {
    const pages = await all(
      paginateListCollaborationPrivacyBudgets(
        { client, pageSize: 1 },
        { collaborationIdentifier: social.id, privacyBudgetType: 'DIFFERENTIAL_PRIVACY' },
      ),
    );
    const budgets = pages.flatMap((p) => p.collaborationPrivacyBudgetSummaries ?? []);
    assert.equal(budgets.length, 1);
    const b = budgets[0];
    assert.equal(b.id, budgetTemplate.budgetId);
    assert.equal(b.privacyBudgetTemplateId, budgetTemplate.id);
    assert.match(
      b.privacyBudgetTemplateArn!,
      /:membership\/[\w-]+\/privacybudgettemplate\/[\w-]+$/,
    );
    assert.equal(b.creatorAccountId, '111122223333');
    assert.equal(b.type, 'DIFFERENTIAL_PRIVACY');
    const dp = b.budget?.differentialPrivacy;
    assert.equal(dp?.epsilon, budgetTemplate.epsilon);
    const byType = new Map(dp!.aggregations!.map((a) => [a.type, a]));
    for (const type of ['AVG', 'COUNT', 'COUNT_DISTINCT', 'SUM', 'STDDEV'] as const) {
      const max = maxCount(type, budgetTemplate.epsilon, budgetTemplate.usersNoisePerQuery);
      assert.equal(byType.get(type)?.maxCount, max, type);
      assert.equal(
        byType.get(type)?.remainingCount,
        Math.max(0, max - (budgetTemplate.consumed?.[type] ?? 0)),
        type,
      );
    }
    assert.equal(byType.get('STDDEV')?.remainingCount, 0, 'the demo has spent its STDDEV budget');

    const own = (
      await all(
        paginateListPrivacyBudgets(
          { client },
          { membershipIdentifier: myMembership.id, privacyBudgetType: 'DIFFERENTIAL_PRIVACY' },
        ),
      )
    ).flatMap((p) => p.privacyBudgetSummaries ?? []);
    assert.deepEqual(
      own.map((x) => [x.id, x.membershipId]),
      [[budgetTemplate.budgetId, myMembership.id]],
    );
    assert.deepEqual(own[0].budget, b.budget);

    const access = await all(
      paginateListCollaborationPrivacyBudgets(
        { client },
        { collaborationIdentifier: social.id, privacyBudgetType: 'ACCESS_BUDGET' },
      ),
    );
    assert.deepEqual(
      access.flatMap((p) => p.collaborationPrivacyBudgetSummaries ?? []),
      [],
    );
    const none = await all(
      paginateListCollaborationPrivacyBudgets(
        { client },
        { collaborationIdentifier: retail.id, privacyBudgetType: 'DIFFERENTIAL_PRIVACY' },
      ),
    );
    assert.deepEqual(
      none.flatMap((p) => p.collaborationPrivacyBudgetSummaries ?? []),
      [],
    );
  });

  it('the budget template reads: List/Get for the owning membership and for the collaboration', async () => {
    const summaries = (
      await all(
        paginateListPrivacyBudgetTemplates({ client }, { membershipIdentifier: myMembership.id }),
      )
    ).flatMap((p) => p.privacyBudgetTemplateSummaries ?? []);
    assert.deepEqual(
      summaries.map((s) => [s.id, s.privacyBudgetType, s.membershipId]),
      [[budgetTemplate.id, 'DIFFERENTIAL_PRIVACY', myMembership.id]],
    );
    const got = await client.send(
      new GetPrivacyBudgetTemplateCommand({
        membershipIdentifier: myMembership.id,
        privacyBudgetTemplateIdentifier: budgetTemplate.id,
      }),
    );
    assert.equal(got.privacyBudgetTemplate?.autoRefresh, 'CALENDAR_MONTH');
    assert.deepEqual(got.privacyBudgetTemplate?.parameters, {
      differentialPrivacy: { epsilon: 3, usersNoisePerQuery: 30 },
    });
    assert.ok(got.privacyBudgetTemplate?.createTime instanceof Date);

    const collab = (
      await all(
        paginateListCollaborationPrivacyBudgetTemplates(
          { client },
          { collaborationIdentifier: social.id },
        ),
      )
    ).flatMap((p) => p.collaborationPrivacyBudgetTemplateSummaries ?? []);
    assert.deepEqual(
      collab.map((s) => [s.id, s.creatorAccountId]),
      [[budgetTemplate.id, '111122223333']],
    );
    const viaCollab = await client.send(
      new GetCollaborationPrivacyBudgetTemplateCommand({
        collaborationIdentifier: social.id,
        privacyBudgetTemplateIdentifier: budgetTemplate.id,
      }),
    );
    assert.deepEqual(
      viaCollab.collaborationPrivacyBudgetTemplate?.parameters,
      got.privacyBudgetTemplate?.parameters,
    );
    assert.equal(
      (viaCollab.collaborationPrivacyBudgetTemplate as unknown as Record<string, unknown>)
        .membershipId,
      undefined,
    );

    const missing = await thrown(() =>
      client.send(
        new GetCollaborationPrivacyBudgetTemplateCommand({
          collaborationIdentifier: retail.id,
          privacyBudgetTemplateIdentifier: budgetTemplate.id,
        }),
      ),
    );
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('PreviewPrivacyImpact answers maxCount per aggregation type and validates its parameters', async () => {
    const out = await client.send(
      new PreviewPrivacyImpactCommand({
        membershipIdentifier: myMembership.id,
        parameters: { differentialPrivacy: { epsilon: 10, usersNoisePerQuery: 20 } },
      }),
    );
    assert.deepEqual(
      out.privacyImpact?.differentialPrivacy?.aggregations,
      (['AVG', 'COUNT', 'COUNT_DISTINCT', 'SUM', 'STDDEV'] as const).map((type) => ({
        type,
        maxCount: maxCount(type, 10, 20),
      })),
    );
    const bad = await thrown(() =>
      client.send(
        new PreviewPrivacyImpactCommand({
          membershipIdentifier: myMembership.id,
          parameters: { differentialPrivacy: { epsilon: 21, usersNoisePerQuery: 5 } },
        }),
      ),
    );
    assert.ok(bad instanceof ValidationException);
    assert.deepEqual(
      bad.fieldList?.map((f) => f.name),
      [
        'parameters.differentialPrivacy.epsilon',
        'parameters.differentialPrivacy.usersNoisePerQuery',
      ],
    );
  });

  it('a PySpark template with a synthetic-data configuration round-trips every field, with source hashes and tags', async () => {
    const artifacts = {
      entryPoint: { location: { bucket: 'retail-analytics-jobs', key: 'segments/main.py' } },
      additionalArtifacts: [
        { location: { bucket: 'retail-analytics-jobs', key: 'segments/deps.zip' } },
      ],
      roleArn: 'arn:aws:iam::111122223333:role/CleanRoomsPySparkJobRole',
    };
    const syntheticDataParameters = {
      mlSyntheticDataParameters: {
        epsilon: 0.5,
        maxMembershipInferenceAttackScore: 0.75,
        columnClassification: {
          columnMapping: ['age', 'city', 'education', 'gender', 'salary'].map((columnName, i) => ({
            columnName,
            columnType: i === 4 ? ('NUMERICAL' as const) : ('CATEGORICAL' as const),
            isPredictiveValue: i === 4,
          })),
        },
      },
    };
    const created = await client.send(
      new CreateAnalysisTemplateCommand({
        membershipIdentifier: retailMembership.id,
        name: 'Segments job',
        description: 'PySpark segments',
        format: 'PYSPARK_1_0',
        source: { artifacts },
        analysisParameters: [{ name: 'threshold', type: 'INT', defaultValue: '5' }],
        schema: { referencedTables: ['members'] },
        errorMessageConfiguration: { type: 'DETAILED' },
        syntheticDataParameters,
        tags: { team: 'retail' },
      }),
    );
    const t = created.analysisTemplate!;
    const got = (
      await client.send(
        new GetAnalysisTemplateCommand({
          membershipIdentifier: retailMembership.id,
          analysisTemplateIdentifier: t.id,
        }),
      )
    ).analysisTemplate!;
    for (const x of [t, got]) {
      assert.equal(x.format, 'PYSPARK_1_0');
      assert.deepEqual(x.source, { artifacts });
      assert.deepEqual(x.schema?.referencedTables, ['members']);
      assert.deepEqual(x.errorMessageConfiguration, { type: 'DETAILED' });
      assert.deepEqual(x.syntheticDataParameters, syntheticDataParameters);
      assert.deepEqual(x.analysisParameters, [
        { name: 'threshold', type: 'INT', defaultValue: '5' },
      ]);
      assert.match(x.sourceMetadata?.artifacts?.entryPointHash?.sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.equal(x.sourceMetadata?.artifacts?.additionalArtifactHashes?.length, 1);
      assert.equal(x.validations, undefined, 'no DP validation for PySpark');
    }
    const viaCollab = (
      await client.send(
        new GetCollaborationAnalysisTemplateCommand({
          collaborationIdentifier: retail.id,
          analysisTemplateArn: t.arn,
        }),
      )
    ).collaborationAnalysisTemplate!;
    assert.deepEqual(viaCollab.source, { artifacts });
    assert.deepEqual(viaCollab.syntheticDataParameters, syntheticDataParameters);
    const listed = await client.send(
      new ListAnalysisTemplatesCommand({ membershipIdentifier: retailMembership.id }),
    );
    assert.equal(
      listed.analysisTemplateSummaries?.find((s) => s.id === t.id)?.isSyntheticData,
      true,
    );
    assert.equal(
      listed.analysisTemplateSummaries?.find((s) => s.name === 'Loyalty members')?.isSyntheticData,
      false,
    );
    assert.deepEqual(
      (await client.send(new ListTagsForResourceCommand({ resourceArn: t.arn }))).tags,
      { team: 'retail' },
    );
  });
});
