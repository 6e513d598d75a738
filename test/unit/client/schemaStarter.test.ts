// The starter cleanrooms.schema.json: what it holds, and that it never replaces or follows anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStarterSchema, starterSchemaText } from '../../../client/src/schemaStarter';
import { analyze } from '../../../server/src/core/analyze';
import { parseSchema } from '../../../server/src/core/schema/parse';

function scratch(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'starter-')));
}

test('lists the tables with an empty userIdColumn: the file asks for it and the template is not VALID meanwhile', () => {
  const { schema, diagnostics } = parseSchema(starterSchemaText(['socialco_impressions']));
  assert.ok(
    diagnostics.some((d) => d.severity === 'error' && /userIdColumn/.test(d.message)),
    JSON.stringify(diagnostics),
  );
  const result = analyze(
    '-- @name r\nSELECT COUNT(DISTINCT user_id) FROM socialco_impressions',
    schema,
  );
  assert.equal(result.verdict, 'UNABLE_TO_VALIDATE');
  // Filled in, the same file validates.
  const filled = parseSchema(
    starterSchemaText(['socialco_impressions']).replace(
      '"userIdColumn": ""',
      '"userIdColumn": "user_id"',
    ),
  );
  assert.deepEqual(filled.diagnostics, []);
  assert.equal(
    analyze('-- @name r\nSELECT COUNT(DISTINCT user_id) FROM socialco_impressions', filled.schema)
      .verdict,
    'VALID',
  );
});

test("a workspace reached through a symbolic link is the user's setup: the file is created inside it", () => {
  const dir = scratch();
  try {
    mkdirSync(join(dir, 'real', 'templates'), { recursive: true });
    symlinkSync(join(dir, 'real'), join(dir, 'ws'));
    const made = createStarterSchema(
      join(dir, 'ws', 'templates', 'a.cleanrooms.sql'),
      ['t'],
      join(dir, 'ws'),
    );
    assert.equal(made.created, true);
    assert.ok(
      readFileSync(join(dir, 'real', 'templates', 'cleanrooms.schema.json'), 'utf8').includes(
        '"t"',
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('creates the file beside the template, and never replaces an existing one', () => {
  const dir = scratch();
  try {
    const template = join(dir, 'a.cleanrooms.sql');
    const first = createStarterSchema(template, ['t1']);
    assert.deepEqual(first, { created: true, path: join(dir, 'cleanrooms.schema.json') });
    assert.equal(JSON.parse(readFileSync(first.path, 'utf8')).tables[0].name, 't1');
    writeFileSync(first.path, 'mine');
    assert.deepEqual(createStarterSchema(template, ['t2']), {
      created: false,
      path: first.path,
      reason: 'exists',
    });
    assert.equal(readFileSync(first.path, 'utf8'), 'mine');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('never writes through a symbolic link: neither a linked file name (dangling or not) nor a linked folder inside the workspace', () => {
  const dir = scratch();
  try {
    const elsewhere = join(dir, 'elsewhere.json');
    symlinkSync(elsewhere, join(dir, 'cleanrooms.schema.json'));
    const linked = createStarterSchema(join(dir, 'a.cleanrooms.sql'), ['t']);
    assert.equal(linked.created, false);
    assert.throws(() => readFileSync(elsewhere), /ENOENT/);

    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    assert.deepEqual(createStarterSchema(join(dir, 'link', 'b.cleanrooms.sql'), ['t']), {
      created: false,
      path: join(dir, 'link', 'cleanrooms.schema.json'),
      reason: 'symlink',
    });
    assert.throws(() => readFileSync(join(dir, 'real', 'cleanrooms.schema.json')), /ENOENT/);
    // A link above the template's folder but inside the workspace counts too.
    mkdirSync(join(dir, 'real', 'sub'));
    assert.equal(
      createStarterSchema(join(dir, 'link', 'sub', 'c.cleanrooms.sql'), ['t'], dir).created,
      false,
    );
    assert.throws(() => readFileSync(join(dir, 'real', 'sub', 'cleanrooms.schema.json')), /ENOENT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
