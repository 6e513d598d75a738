// The bundled `check` CLI flags a final SELECT that outputs a column the schema file lists in
// disallowedOutputColumns, with exit status 1, while the DP verdict stays the DP rules' own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const SCHEMA = {
  tables: [
    {
      name: 'socialco_impressions',
      differentialPrivacy: { userIdColumn: 'user_id' },
      disallowedOutputColumns: ['emailsha256'],
      columns: [{ name: 'user_id' }, { name: 'device_type' }, { name: 'emailsha256' }],
    },
  ],
};

test(
  'dist/cli.js check: RUL001 on the column that carries a disallowed output column',
  { skip: !existsSync('dist/cli.js') && 'run npm run build first' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-rule-'));
    writeFileSync(join(dir, 'cleanrooms.schema.json'), JSON.stringify(SCHEMA));
    const bad =
      '-- @name Bad\nWITH u AS (SELECT user_id, emailsha256 AS e FROM socialco_impressions GROUP BY user_id, emailsha256)\nSELECT e, COUNT(DISTINCT user_id) FROM u GROUP BY e';
    writeFileSync(join(dir, 'bad.cleanrooms.sql'), bad);
    writeFileSync(
      join(dir, 'good.cleanrooms.sql'),
      '-- @name Good\nSELECT device_type, COUNT(DISTINCT user_id) FROM socialco_impressions WHERE emailsha256 IS NOT NULL GROUP BY device_type',
    );

    const run = spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', dir], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as {
      files: {
        path: string;
        verdict: string;
        diagnostics: {
          code: string;
          severity: string;
          range: { start: { line: number; character: number } };
        }[];
      }[];
    };
    const byName = Object.fromEntries(doc.files.map((f) => [f.path.slice(dir.length + 1), f]));
    assert.deepEqual(byName['good.cleanrooms.sql'].diagnostics, []);
    const [d] = byName['bad.cleanrooms.sql'].diagnostics.filter((x) => x.code === 'RUL001');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range.start, { line: 2, character: 7 });
    assert.equal(byName['bad.cleanrooms.sql'].verdict, 'VALID');

    const text = spawnSync(
      process.execPath,
      ['dist/cli.js', 'check', join(dir, 'bad.cleanrooms.sql')],
      { encoding: 'utf8' },
    );
    assert.equal(text.status, 1);
    assert.match(
      text.stdout,
      /bad\.cleanrooms\.sql:3:8 error RUL001 'e' carries 'emailsha256' of 'socialco_impressions'/,
    );
  },
);
