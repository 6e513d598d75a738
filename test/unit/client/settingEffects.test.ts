import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { effectsOf, SETTING_EFFECTS } from '../../../client/src/settingEffects';

const manifest = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
);

test('every contributed setting has exactly one effect, and the map names no other setting', () => {
  const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(Object.keys(SETTING_EFFECTS).sort(), contributed);
});

test('a change maps to the effects of the settings it touched', () => {
  assert.deepEqual([...effectsOf((s) => s === 'cleanrooms.enableForSqlFiles')], ['restart-server']);
  assert.deepEqual(
    [...effectsOf((s) => s === 'cleanrooms.profile' || s === 'cleanrooms.endpoint')],
    ['reset-aws-session'],
  );
  assert.deepEqual([...effectsOf((s) => s.startsWith('cleanrooms.dp.'))], ['server-pulls']);
  assert.equal(effectsOf(() => false).size, 0);
});
