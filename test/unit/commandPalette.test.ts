// The command palette offers a command that acts on the active template only while a template
// editor is active (elsewhere it could only answer "open a *.cleanrooms.sql file first"), and the
// Settings page lists the settings in the order a new user needs them, not alphabetically.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
const TEMPLATE_EDITOR = /editorLangId == cleanrooms-sql/;

test('commands that act on the active template file are hidden from the palette elsewhere', () => {
  const palette = new Map<string, string>(
    manifest.contributes.menus.commandPalette.map((m: { command: string; when: string }) => [
      m.command,
      m.when,
    ]),
  );
  for (const command of [
    'cleanrooms.createTemplate',
    'cleanrooms.updateTemplate',
    'cleanrooms.copyArn',
    'cleanrooms.deleteTemplate',
    'cleanrooms.showRemainingRuns',
    'cleanrooms.showVerdict',
    'cleanrooms.createSchemaFile',
    'cleanrooms.runTemplate',
    'cleanrooms.runLocally',
    'cleanrooms.createSampleData',
  ])
    assert.match(palette.get(command) ?? '(always shown)', TEMPLATE_EDITOR, command);
});

test('settings: the AWS session first, then results, then checking, then tracing', () => {
  const properties: Record<string, { order?: number }> =
    manifest.contributes.configuration.properties;
  const byOrder = Object.entries(properties)
    .map(([key, p]) => ({ key, order: p.order }))
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity))
    .map((s) => s.key);
  assert.deepEqual(byOrder, [
    'cleanrooms.profile',
    'cleanrooms.region',
    'cleanrooms.endpoint',
    'cleanrooms.s3Endpoint',
    'cleanrooms.results.s3Bucket',
    'cleanrooms.results.s3KeyPrefix',
    'cleanrooms.enableForSqlFiles',
    'cleanrooms.dp.subqueries',
    'cleanrooms.dp.overflowWarnings',
    'cleanrooms.trace.server',
  ]);
  const orders = Object.values(properties).map((p) => p.order);
  assert.equal(new Set(orders).size, orders.length, 'every setting has its own order');
});
