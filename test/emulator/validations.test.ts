// `validations` and `schema.referencedTables` on fetched templates come from our own analyzer.
import {
  BatchGetCollaborationAnalysisTemplateCommand,
  CreateAnalysisTemplateCommand,
  type CleanRoomsClient,
} from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { referencedTables, toAnalyzerSchema } from './dpValidation';
import { clientFor, demoSeed } from './harness';
import { startEmulator, type Emulator } from './server';

const [social, retail] = demoSeed.collaborations;
const socialTables = demoSeed.schemas.filter((s) => s.collaborationId === social.id);

describe('referencedTables', () => {
  it('finds schema tables used as identifiers, quoted or not, in any case, in schema order', () => {
    assert.deepEqual(
      referencedTables(
        'SELECT * FROM "SocialCo_Users" u JOIN socialco_IMPRESSIONS i ON u.user_id = i.user_id',
        socialTables,
      ),
      ['socialco_impressions', 'socialco_users'],
    );
  });
  it('ignores table names inside comments and string literals', () => {
    assert.deepEqual(
      referencedTables(
        "-- athletic_brand_sales\nSELECT 'socialco_users' AS t /* socialco_impressions */ FROM athletic_brand_sales",
        socialTables,
      ),
      ['athletic_brand_sales'],
    );
  });
});

describe('validations on fetched templates', () => {
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

  it("every demo template that reads a DP table carries the analyzer's verdict; the others carry none (Q10)", async () => {
    for (const collaboration of [social, retail]) {
      const tables = demoSeed.schemas.filter((s) => s.collaborationId === collaboration.id);
      const dpTables = new Set(
        tables.filter((t) => t.customRule?.differentialPrivacy).map((t) => t.name),
      );
      const templates = demoSeed.templates.filter(
        (t) =>
          demoSeed.memberships.find((m) => m.id === t.membershipId)?.collaborationId ===
          collaboration.id,
      );
      const arnOf = (t: (typeof templates)[number]) => {
        const m = demoSeed.memberships.find((x) => x.id === t.membershipId)!;
        return `arn:aws:cleanrooms:us-east-1:${m.accountId ?? '111122223333'}:membership/${m.id}/analysistemplate/${t.id}`;
      };
      for (let i = 0; i < templates.length; i += 10) {
        const chunk = templates.slice(i, i + 10);
        const out = await client.send(
          new BatchGetCollaborationAnalysisTemplateCommand({
            collaborationIdentifier: collaboration.id,
            analysisTemplateArns: chunk.map(arnOf),
          }),
        );
        assert.equal(out.collaborationAnalysisTemplates?.length, chunk.length);
        for (const fetched of out.collaborationAnalysisTemplates!) {
          const seedTemplate = chunk.find((t) => t.id === fetched.id)!;
          const referenced = fetched.schema?.referencedTables ?? [];
          // DP validation is about SQL: a PySpark template carries none, whatever it reads.
          if (fetched.format !== 'SQL' || !referenced.some((name) => dpTables.has(name))) {
            assert.equal(fetched.validations, undefined, seedTemplate.name);
            continue;
          }
          const header = [
            '-- @name check',
            ...(seedTemplate.analysisParameters ?? []).map((p) => `-- @param ${p.name} VARCHAR`),
          ].join('\n');
          const expected = analyze(`${header}\n${seedTemplate.text}`, toAnalyzerSchema(tables));
          assert.equal(fetched.validations?.length, 1, seedTemplate.name);
          assert.equal(fetched.validations![0].type, 'DIFFERENTIAL_PRIVACY');
          assert.equal(fetched.validations![0].status, expected.verdict, seedTemplate.name);
          const reasons = fetched.validations![0].reasons?.map((r) => r.message ?? '');
          if (expected.verdict === 'VALID') assert.equal(reasons, undefined, seedTemplate.name);
          if (expected.verdict === 'INVALID') {
            assert.ok(reasons && reasons.length > 0, `${seedTemplate.name}: INVALID needs reasons`);
            const errors = expected.diagnostics
              .filter((d) => d.severity === 'error')
              .map((d) => d.message);
            for (const reason of reasons)
              assert.ok(
                errors.includes(reason),
                `${seedTemplate.name}: unexpected reason ${reason}`,
              );
          }
        }
      }
    }
  });

  it('a created template that reads only non-DP tables has no validations and lists what it reads', async () => {
    const membership = demoSeed.memberships.find(
      (m) => m.collaborationId === retail.id && m.accountId === undefined,
    )!;
    const out = await client.send(
      new CreateAnalysisTemplateCommand({
        membershipIdentifier: membership.id,
        name: 'Store count',
        format: 'SQL',
        source: { text: 'SELECT COUNT(*) FROM stores' },
      }),
    );
    assert.deepEqual(out.analysisTemplate?.schema?.referencedTables, ['stores']);
    assert.equal(out.analysisTemplate?.validations, undefined);
  });
});
