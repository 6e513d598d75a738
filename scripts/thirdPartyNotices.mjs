// Third-party notices for the bundles: esbuild inlines our dependencies, so their licenses must
// ship beside the bundle. From esbuild's metafile this lists every package whose code went into a
// bundle, with its name, version, declared license and the full text of its LICENSE / NOTICE files.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Package folders (…/node_modules/name or …/node_modules/@scope/name) of a metafile's inputs. */
function packageDirs(metafiles) {
  const dirs = new Set();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
      if (m) dirs.add(m[1]);
    }
  }
  return [...dirs];
}

function licenseFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /^(licen[cs]e|notice|copying)(\.|$|-)/i.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim());
}

/** The notices text for packages bundled in any of `metafiles`; throws when a license is unknown. */
export function thirdPartyNotices(metafiles) {
  const seen = new Map();
  for (const dir of packageDirs(metafiles)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (seen.has(key)) continue;
    const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
    const texts = existsSync(dir) ? licenseFiles(dir) : [];
    // A package without a license file still has its SPDX id; without either we cannot ship it.
    if (!license && !texts.length) throw new Error(`${key} (${dir}) declares no license`);
    seen.set(key, { key, license: license ?? 'see text', texts });
  }
  const entries = [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
  // Many packages ship the same text (the Apache-2.0 license, word for word): print each once,
  // after the list of packages it covers.
  const byText = new Map();
  for (const e of entries) {
    const text = e.texts.length
      ? e.texts.join('\n\n')
      : `Licensed under ${e.license}; the package ships no license file.`;
    byText.set(text, [...(byText.get(text) ?? []), e.key]);
  }
  const header = [
    'Third-party software bundled in this package',
    '',
    'The JavaScript bundles include code from the packages below, each under its own license,',
    'reproduced after the list.',
    '',
    ...entries.map((e) => `- ${e.key} (${e.license})`),
  ];
  const bodies = [...byText].map(([text, keys]) => ['='.repeat(78), ...keys, '', text].join('\n'));
  return [...header, '', ...bodies, ''].join('\n');
}
