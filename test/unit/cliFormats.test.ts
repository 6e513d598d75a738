// The CI formats of the built CLI (dist/cli.js, so `npm run build` first), run on examples/ and
// checked against the same run's JSON output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIAGNOSTIC_CODES } from '../../server/src/core/codes';
import { escapeData, escapeProperty } from '../../server/src/report/github';

const CLI = resolve('dist/cli.js');
const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const ANNOTATION = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
} as const;

interface Json {
  files: {
    path: string;
    diagnostics: {
      code: string;
      severity: keyof typeof LEVEL;
      message: string;
      range: {
        start: { line: number; character: number };
        end: { line: number; character: number };
      };
    }[];
  }[];
}

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: Record<string, number>;
  };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

function cli(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const expected = (() => {
  const r = cli(['--format', 'json', 'examples']);
  const doc = JSON.parse(r.out) as Json;
  return doc.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
})();

test('the examples have diagnostics of several severities to format', () => {
  assert.ok(expected.length >= 3);
  assert.ok(new Set(expected.map((d) => d.severity)).size >= 2);
});

test('sarif: SARIF 2.1.0 with every rule described and one result per diagnostic', () => {
  const r = cli(['--format', 'sarif', 'examples']);
  assert.equal(r.code, 1, 'the examples hold errors');
  const log = JSON.parse(r.out);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const [run] = log.runs;
  assert.equal(run.tool.driver.name, 'cleanrooms-templates');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const rules = run.tool.driver.rules;
  assert.deepEqual(
    rules.map((x: { id: string }) => x.id),
    DIAGNOSTIC_CODES.map((c) => c.code),
  );
  const docs = readFileSync('docs/diagnostics.md', 'utf8');
  for (const rule of rules) {
    assert.ok(rule.name && rule.shortDescription.text, rule.id);
    const url = new URL(rule.helpUri);
    assert.ok(url.pathname.endsWith('/docs/diagnostics.md'), rule.helpUri);
    assert.match(
      docs,
      new RegExp(`^### ${url.hash.slice(1).toUpperCase()}$`, 'm'),
      `${rule.helpUri} has no section`,
    );
    assert.equal(url.hash, `#${rule.id.toLowerCase()}`);
  }
  assert.equal(run.results.length, expected.length);
  (run.results as SarifResult[]).forEach((res, i) => {
    const d = expected[i];
    assert.equal(res.ruleId, d.code);
    assert.equal(rules[res.ruleIndex].id, d.code);
    assert.equal(res.level, LEVEL[d.severity]);
    assert.equal(res.message.text, d.message);
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, d.path);
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.deepEqual(loc.region, {
      startLine: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    });
  });
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, new URL(`file://${process.cwd()}/`).href);
});

test('sarif: artifact paths are relative to the working directory, related locations included', () => {
  const r = cli(['--format', 'sarif', 'campaign-devices.cleanrooms.sql'], resolve('examples'));
  const [res] = JSON.parse(r.out).runs[0].results as SarifResult[];
  assert.equal(
    res.locations[0].physicalLocation.artifactLocation.uri,
    'campaign-devices.cleanrooms.sql',
  );
  const related = (res.relatedLocations ?? []).map((l) => l.physicalLocation.artifactLocation.uri);
  assert.ok(related.includes('cleanrooms.schema.json'), related.join());
});

test('github: one workflow command per diagnostic, positions 1-based', () => {
  const r = cli(['--format', 'github', 'examples']);
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines.length, expected.length);
  lines.forEach((line, i) => {
    const d = expected[i];
    const m = line.match(
      /^::(\w+) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]*)::(.*)$/,
    );
    assert.ok(m, line);
    const name = DIAGNOSTIC_CODES.find((c) => c.code === d.code)!.name;
    assert.deepEqual(m.slice(1), [
      ANNOTATION[d.severity],
      d.path,
      String(d.range.start.line + 1),
      String(d.range.start.character + 1),
      String(d.range.end.line + 1),
      String(d.range.end.character + 1),
      `${d.code} ${name}`,
      d.message,
    ]);
  });
});

test('github: file names and messages are escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gh-'));
  writeFileSync(
    join(dir, 'a,b:c.cleanrooms.sql'),
    "-- @name T\n-- @param p INTEGER = '5%'\nSELECT :p",
  );
  const r = cli(['--format', 'github', '.'], dir);
  const line = r.out.split('\n').find((l) => l.includes('PAR009'));
  assert.ok(line, r.out);
  assert.ok(line.startsWith('::error file=a%2Cb%3Ac.cleanrooms.sql,line=2,'), line);
  assert.match(line, /::Default '5%25' is not a valid INTEGER/);
  assert.equal(escapeData('50%\r\nnext'), '50%25%0D%0Anext');
  assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
});

test('--max-warnings: more warnings than allowed fails; as many passes; bad values are usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxw-'));
  writeFileSync(join(dir, 't.cleanrooms.sql'), '-- @name T\n-- @param unused VARCHAR\nSELECT 1');
  const over = cli(['--max-warnings', '0', 't.cleanrooms.sql'], dir);
  assert.equal(over.code, 1);
  assert.match(over.err, /1 warning\(s\), more than --max-warnings 0/);
  assert.equal(cli(['--max-warnings', '1', '--format', 'github', 't.cleanrooms.sql'], dir).code, 0);
  assert.equal(cli(['t.cleanrooms.sql'], dir).code, 0, 'warnings alone pass without the option');
  const bad = cli(['--max-warnings', 'many', 't.cleanrooms.sql'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--max-warnings must be a whole number/);
});

test('an unknown format is a usage error naming the formats', () => {
  const r = cli(['--format', 'xml', 'examples']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--format must be text, json, sarif, github/);
});
