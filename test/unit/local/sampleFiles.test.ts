// Create Sample Data Files and a local run on real folders: the starter CSVs carry the schema's
// headers, an existing file is never replaced, a linked sample folder or file is never written
// through, and a table without a CSV runs empty and is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSample } from '../../../client/src/local/runSample';
import { createSampleFiles } from '../../../client/src/local/sampleFiles';

const SCHEMA = {
  tables: [
    {
      name: 'users',
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'age', type: 'int' },
      ],
    },
    {
      name: 'sales',
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'price', type: 'double' },
      ],
    },
  ],
};

function workspace() {
  const base = mkdtempSync(join(tmpdir(), 'sample-files-'));
  const root = join(base, 'workspace');
  const outside = join(base, 'home');
  mkdirSync(root);
  mkdirSync(outside);
  const schemaPath = join(root, 'cleanrooms.schema.json');
  writeFileSync(schemaPath, JSON.stringify(SCHEMA));
  return { root, outside, schemaPath, samples: join(root, 'cleanrooms.sample') };
}

test('one CSV per table with the column headers; a second run keeps the files as they are', async () => {
  const { root, schemaPath, samples } = workspace();
  const first = await createSampleFiles(schemaPath, root);
  assert.deepEqual(first.created.sort(), [join(samples, 'sales.csv'), join(samples, 'users.csv')]);
  assert.equal(readFileSync(join(samples, 'users.csv'), 'utf8'), 'user_id,age\r\n');
  writeFileSync(join(samples, 'users.csv'), 'user_id,age\nu1,30\n');
  const second = await createSampleFiles(schemaPath, root);
  assert.deepEqual(second.created, []);
  assert.equal(second.kept.length, 2);
  assert.equal(readFileSync(join(samples, 'users.csv'), 'utf8'), 'user_id,age\nu1,30\n');
});

test('a sample folder linked out of the workspace, or a linked file, is not written through', async () => {
  const { root, outside, schemaPath, samples } = workspace();
  symlinkSync(outside, samples);
  const outcome = await createSampleFiles(schemaPath, root);
  assert.deepEqual(outcome.created, []);
  assert.equal(outcome.refused.length, 2);
  assert.match(outcome.refused[0], /through a symbolic link/);
  assert.deepEqual(readdirSync(outside), []);

  const other = workspace();
  mkdirSync(other.samples);
  symlinkSync(join(other.outside, 'users.csv'), join(other.samples, 'users.csv'));
  const linked = await createSampleFiles(other.schemaPath, other.root);
  assert.deepEqual(linked.kept, [join(other.samples, 'users.csv')]);
  assert.equal(existsSync(join(other.outside, 'users.csv')), false);
});

test('a run reads the CSVs beside the schema; a table without one is empty and reported', async () => {
  const { schemaPath, samples } = workspace();
  mkdirSync(samples);
  writeFileSync(join(samples, 'users.csv'), 'age,user_id\n30,u1\n41,u2\n');
  const r = await runSample({
    schemaPath,
    sql: 'SELECT u.user_id, u.age, COUNT(s.price) AS sales FROM users u LEFT JOIN sales s ON s.user_id = u.user_id WHERE u.age > :min GROUP BY u.user_id, u.age',
    params: { min: 35 },
  });
  assert.deepEqual(r.columns, ['user_id', 'age', 'sales']);
  assert.deepEqual(r.rows, [['u2', 41, 0]]);
  assert.deepEqual(r.tablesWithoutSamples, ['sales']);
});
