import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisJob } from '../../../server/src/session/analysisWorker';
import { analyze, type AnalysisResult } from '../../../server/src/core/analyze';
import { BACKGROUND_THRESHOLD, createAnalyzer } from '../../../server/src/session/analysis';
import type { BackgroundAnalysis } from '../../../server/src/session/backgroundAnalysis';
import type { SchemaStore } from '../../../server/src/session/schemas';

const noSchemas: SchemaStore = {
  forTemplate: () => undefined,
  ready: () => undefined,
  load: async () => undefined,
  changed: () => undefined,
  rootsChanged: () => undefined,
  generation: () => 0,
};
const OPTIONS = { subqueries: 'current-docs' as const };

/** A background that runs only when the test says so, counting runs. */
function manualBackground() {
  const queue: { job: AnalysisJob; done: (r: AnalysisResult | undefined) => void }[] = [];
  const cancelled: string[] = [];
  const background: BackgroundAnalysis = {
    run: (_uri, job) => new Promise((done) => queue.push({ job, done })),
    cancel: (uri) => void cancelled.push(uri),
  };
  const finishAll = () =>
    queue.splice(0).forEach((q) => q.done(analyze(q.job.text, q.job.schema, q.job.options)));
  return { background, queue, cancelled, finishAll };
}

const big = (extra = '') =>
  `-- @name Big\n-- @param p DATE\nSELECT COUNT(*) FROM t WHERE d > :p${extra} -- ${'x'.repeat(BACKGROUND_THRESHOLD)}`;

describe('analyzer', () => {
  it('caches per version and re-analyses after setOptions', () => {
    const analyzer = createAnalyzer(noSchemas, OPTIONS);
    const doc = TextDocument.create(
      'file:///a.cleanrooms.sql',
      'cleanrooms-sql',
      1,
      '-- @name A\nSELECT 1',
    );
    const first = analyzer.analysisOf(doc);
    assert.equal(analyzer.analysisOf(doc), first);
    TextDocument.update(doc, [{ text: '-- @name A\nSELECT 2' }], 2);
    const second = analyzer.analysisOf(doc);
    assert.notEqual(second, first);
    assert.equal(second.version, 2);
    analyzer.setOptions({ subqueries: 'strict' });
    assert.notEqual(analyzer.analysisOf(doc), second);
  });

  it('analyses large texts in the background once per version; requests get the header meanwhile', async () => {
    const { background, queue, finishAll } = manualBackground();
    const analyzer = createAnalyzer(noSchemas, OPTIONS, background);
    const doc = TextDocument.create('file:///big.cleanrooms.sql', 'cleanrooms-sql', 1, big());
    const a = analyzer.analysisOfLatest(doc);
    const b = analyzer.analysisOfLatest(doc);
    assert.equal(queue.length, 1);
    const quick = analyzer.forRequest(doc);
    assert.deepEqual(
      quick.result.paramRefs.map((r) => r.name),
      ['p'],
    );
    assert.deepEqual(
      quick.result.template.params.map((p) => p.name.value),
      ['p'],
    );
    assert.deepEqual(quick.result.diagnostics, []);
    finishAll();
    const [ra, rb] = await Promise.all([a, b]);
    assert.ok(ra);
    assert.equal(ra, rb);
    assert.equal(analyzer.forRequest(doc), ra);
    assert.ok(ra.result.diagnostics.length > 0);
  });

  it('drops a background result once the document changed', async () => {
    const { background, finishAll, cancelled } = manualBackground();
    const analyzer = createAnalyzer(noSchemas, OPTIONS, background);
    const doc = TextDocument.create('file:///big2.cleanrooms.sql', 'cleanrooms-sql', 1, big());
    const stale = analyzer.analysisOfLatest(doc);
    TextDocument.update(doc, [{ text: big(' AND 1 = 1') }], 2);
    const fresh = analyzer.analysisOfLatest(doc);
    finishAll();
    assert.equal(await stale, undefined);
    assert.equal((await fresh)?.version, 2);
    analyzer.forget(doc.uri);
    assert.deepEqual(cancelled, [doc.uri]);
  });
});
