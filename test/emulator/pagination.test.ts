// Paging over 1,000 templates with the SDK's own paginators.
import {
  paginateListAnalysisTemplates,
  paginateListCollaborationAnalysisTemplates,
  ListCollaborationAnalysisTemplatesCommand,
  type CleanRoomsClient,
} from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientFor, FAKE_SIGNED_HEADERS } from './harness';
import {
  GENERATED_COLLABORATION_ID,
  GENERATED_MEMBERSHIP_ID,
  seedWithTemplates,
  startEmulator,
  type Emulator,
} from './server';

const COUNT = 1000;

describe('pagination over 1,000 templates', () => {
  let emu: Emulator;
  let client: CleanRoomsClient;
  const seed = seedWithTemplates(COUNT);
  before(async () => {
    emu = await startEmulator({ seed });
    client = clientFor(emu);
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  for (const pageSize of [100, 7]) {
    it(`paginateListCollaborationAnalysisTemplates with pageSize ${pageSize} yields every template exactly once, in order`, async () => {
      const ids: string[] = [];
      let pages = 0;
      for await (const page of paginateListCollaborationAnalysisTemplates(
        { client, pageSize },
        { collaborationIdentifier: GENERATED_COLLABORATION_ID },
      )) {
        pages++;
        assert.ok(page.collaborationAnalysisTemplateSummaries!.length <= pageSize);
        ids.push(...page.collaborationAnalysisTemplateSummaries!.map((s) => s.id!));
        assert.ok(pages <= COUNT, 'paging did not terminate');
      }
      assert.equal(pages, Math.ceil(COUNT / pageSize));
      assert.equal(ids.length, COUNT);
      assert.equal(new Set(ids).size, COUNT);
      assert.deepEqual(
        ids,
        seed.templates.map((t) => t.id),
      );
    });
  }

  it("paginateListAnalysisTemplates pages the membership's templates with the default page size", async () => {
    let total = 0;
    let pages = 0;
    for await (const page of paginateListAnalysisTemplates(
      { client },
      { membershipIdentifier: GENERATED_MEMBERSHIP_ID },
    )) {
      pages++;
      total += page.analysisTemplateSummaries!.length;
    }
    assert.equal(total, COUNT);
    assert.equal(pages, 10);
  });

  it('the last page has no nextToken and a token from another list is rejected', async () => {
    const first = await client.send(
      new ListCollaborationAnalysisTemplatesCommand({
        collaborationIdentifier: GENERATED_COLLABORATION_ID,
        maxResults: 100,
      }),
    );
    assert.equal(typeof first.nextToken, 'string');
    const tail = await client.send(
      new ListCollaborationAnalysisTemplatesCommand({
        collaborationIdentifier: GENERATED_COLLABORATION_ID,
        maxResults: 100,
        nextToken: first.nextToken,
      }),
    );
    assert.equal(tail.collaborationAnalysisTemplateSummaries![0].name, 'template-0101');
    const res = await fetch(
      `${emu.url}/memberships?nextToken=${encodeURIComponent(first.nextToken!)}`,
      { headers: FAKE_SIGNED_HEADERS },
    );
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-errortype'), 'ValidationException');
  });
});
