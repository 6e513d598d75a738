// The results page (client/src/views/resultsHtml.ts): cell text and titles can never become
// markup or script, and the page allows only its own nonce'd script and style.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultsHtml, scriptJson } from '../../../client/src/views/resultsHtml';

const hostile = '</script><script>alert(1)</script><!--';

test('data is embedded as JSON that cannot close its script element, and reads back unchanged', () => {
  const data = {
    columns: ['a', hostile],
    first: { start: 0, rows: [[hostile, '\u2028x']], total: 1 },
  };
  const html = resultsHtml({ title: 'T', source: 's', ...data, nonce: 'abc' });
  const embedded =
    /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  assert.ok(!embedded.includes('<'), embedded);
  assert.deepEqual(JSON.parse(embedded), data);
  assert.equal(JSON.parse(scriptJson('<!--')), '<!--');
});

test('title and source are escaped; only nonce-bearing scripts and styles are allowed', () => {
  const html = resultsHtml({
    title: `<img src=x onerror=alert(1)>`,
    source: '"><b>',
    columns: [],
    first: { start: 0, rows: [], total: 0 },
    nonce: 'n0nce',
  });
  assert.ok(!html.includes('<img'), 'title escaped');
  assert.ok(!html.includes('"><b>'), 'source escaped');
  assert.match(html, /default-src 'none'; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';/);
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [
    '<script type="application/json" id="data">',
    '<script nonce="n0nce">',
  ]);
  assert.ok(!/innerHTML/.test(html), 'cells reach the DOM through textContent only');
});
