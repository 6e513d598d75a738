// RUL002 (template not among allowedAnalyses) and RUL003 (provider not among
// allowedAnalysisProviders): what we know from the @arn, and silence where we know nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, table } from './helpers';

const MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const arnOf = (account: string, id: string) =>
  `arn:aws:cleanrooms:us-east-1:${account}:membership/${MEMBERSHIP}/analysistemplate/${id}`;
const OURS = arnOf('111122223333', '0b6e2f4a-1c3d-4e5f-8a7b-9c0d1e2f3a4b');
const OTHER = arnOf('111122223333', '1c7f3a5b-2d4e-4f60-9b8c-0d1e2f3a4b5c');
const header = (arn?: string) =>
  `-- @name t\n${arn ? `-- @membership ${MEMBERSHIP}\n-- @arn ${arn}\n` : ''}`;
const SQL =
  'SELECT s.city, COUNT(*) FROM sales s JOIN stores st ON s.store = st.store GROUP BY s.city';

const schemaWith = (rule: Parameters<typeof table>[2]) => ({
  tables: [
    table('sales', ['city', 'store'], { creatorAccountId: '777788889999', ...rule }),
    table('stores', ['store']),
  ],
});
const found = (rule: Parameters<typeof table>[2], arn: string | undefined, code: string) =>
  run(SQL, schemaWith(rule), header(arn)).found(code);

test('RUL002: a listed template runs; an unlisted one is refused, on the table that refuses it', () => {
  assert.deepEqual(found({ allowedAnalyses: [OURS] }, OURS, 'RUL002'), []);
  const [d] = found({ allowedAnalyses: [OTHER] }, OURS, 'RUL002');
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, 'sales');
  assert.match(
    d.message,
    /Table 'sales' allows only the 1 analysis template\(s\) its analysis rule lists in allowedAnalyses\. This template \(arn:aws:cleanrooms:[^)]+\) is not one of them: AWS Clean Rooms will refuse to run it until the table owner \(account 777788889999\) adds its ARN\./,
  );
});

test('RUL002: a template not created yet has no ARN: said only when the rule lists templates only', () => {
  const [d] = found({ allowedAnalyses: [OTHER] }, undefined, 'RUL002');
  assert.match(
    d.message,
    /has no @arn yet; once created it gets a new ARN, which the table owner \(account 777788889999\) must add to allowedAnalyses/,
  );
  assert.match(
    found({ allowedAnalyses: ['ANY_JOB', OTHER] }, undefined, 'RUL002')[0].message,
    /\(and PySpark jobs\)/,
  );
  assert.deepEqual(found({ allowedAnalyses: ['ANY_QUERY'] }, undefined, 'RUL002'), []);
  assert.deepEqual(
    found(
      { allowedAnalyses: ['ANY_QUERY'], allowedAnalysisProviders: ['444455556666'] },
      undefined,
      'RUL003',
    ),
    [],
    'the creating account is unknown before Create',
  );
});

test('RUL002: an empty allowedAnalyses refuses every query; an unknown rule says nothing', () => {
  assert.match(
    found({ allowedAnalyses: [] }, OURS, 'RUL002')[0].message,
    /allows no analyses \(its analysis rule's allowedAnalyses is empty\), so no query on it can run\. AWS Clean Rooms will refuse to run this template until the table owner \(account 777788889999\) allows it\./,
  );
  assert.match(
    found({ allowedAnalyses: ['ANY_JOB'] }, undefined, 'RUL002')[0].message,
    /allows PySpark jobs only \(its analysis rule's allowedAnalyses is ANY_JOB\), no SQL template\./,
  );
  assert.deepEqual(found({}, OURS, 'RUL002'), []);
  assert.deepEqual(found({}, undefined, 'RUL002'), []);
});

test('RUL002: a malformed @arn is left to TPL009', () => {
  const r = run(SQL, schemaWith({ allowedAnalyses: [OTHER] }), '-- @name t\n-- @arn not-an-arn\n');
  assert.deepEqual(r.found('RUL002'), []);
  assert.equal(r.found('TPL009').length, 1);
});

test("RUL003: with ANY_QUERY, the ARN's account must be an allowed provider", () => {
  assert.deepEqual(
    found(
      { allowedAnalyses: ['ANY_QUERY'], allowedAnalysisProviders: ['111122223333'] },
      OURS,
      'RUL003',
    ),
    [],
  );
  const [d] = found(
    { allowedAnalyses: ['ANY_QUERY'], allowedAnalysisProviders: ['444455556666', '999988887777'] },
    OURS,
    'RUL003',
  );
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, 'sales');
  assert.match(
    d.message,
    /created by account 111122223333, which is not among the analysis providers table 'sales' allows \(allowedAnalysisProviders: 444455556666, 999988887777\)/,
  );
  assert.deepEqual(
    found({ allowedAnalyses: ['ANY_QUERY'], allowedAnalysisProviders: [] }, OURS, 'RUL003'),
    [],
    'an empty list says nothing we can check',
  );
  assert.deepEqual(
    found({ allowedAnalyses: [OURS], allowedAnalysisProviders: ['444455556666'] }, OURS, 'RUL003'),
    [],
    'a listed ARN runs whoever created it',
  );
  assert.deepEqual(
    found({ allowedAnalyses: [OTHER], allowedAnalysisProviders: ['444455556666'] }, OURS, 'RUL003'),
    [],
    'without ANY_QUERY it is RUL002',
  );
});

test('tables read only inside a CTE or subquery are checked too, each table once', () => {
  const schema = { tables: [table('sales', ['city', 'store'], { allowedAnalyses: [OTHER] })] };
  const r = run(
    'WITH a AS (SELECT city FROM sales), b AS (SELECT city FROM sales) SELECT COUNT(*) FROM a JOIN b ON a.city = b.city',
    schema,
    header(OURS),
  );
  assert.deepEqual(
    r.found('RUL002').map((d) => d.text),
    ['sales'],
  );
});
