// The client's reading and writing of `*.cleanrooms.sql` headers, checked against the language
// server's parser (both read the header with common/templateHeader.ts) so they never disagree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applyEdits,
  compareTemplates,
  headerEdits,
  parseTemplateFile,
  removeHeaderField,
  quoteDefault,
  renderTemplateFile,
  type TemplateContent,
} from '../../client/src/aws/templateFile';
import { parseTemplate } from '../../server/src/core/template/parse';

const SAMPLE = [
  '-- @name Unique reach by campaign',
  '-- @description Distinct users reached per campaign since a start date',
  "-- @param start_date DATE = '2024-01-01'",
  '-- @param campaign VARCHAR',
  "-- @param label VARCHAR = 'it''s'",
  '-- @param limit_n INTEGER = 10',
  '-- @membership 1b2c3d4e-0000-1111-2222-333344445555',
  '',
  'SELECT campaign, COUNT(DISTINCT user_id) FROM impressions WHERE day >= :start_date GROUP BY campaign',
].join('\n');

test('parses every header field and the body the server parser sees', () => {
  const f = parseTemplateFile(SAMPLE);
  assert.equal(f.name, 'Unique reach by campaign');
  assert.equal(f.description, 'Distinct users reached per campaign since a start date');
  assert.deepEqual(f.parameters, [
    { name: 'start_date', type: 'DATE', defaultValue: '2024-01-01' },
    { name: 'campaign', type: 'VARCHAR' },
    { name: 'label', type: 'VARCHAR', defaultValue: "it's" },
    { name: 'limit_n', type: 'INTEGER', defaultValue: '10' },
  ]);
  assert.equal(f.membership, '1b2c3d4e-0000-1111-2222-333344445555');
  assert.equal(f.arn, undefined);
  assert.deepEqual(f.problems, []);
  const server = parseTemplate(SAMPLE).template;
  assert.equal(f.bodyStart, server.bodyStart);
  assert.equal(f.body, server.body);
  assert.deepEqual(
    f.parameters.map((p) => p.defaultValue),
    server.params.map((p) => p.defaultValue?.value),
  );
});

test('header problems are reported, not guessed around', () => {
  const f = parseTemplateFile(
    "-- @param onlyname\n-- @param p VARCHAR = 'open\n-- @param q INT = two words\nSELECT 1",
  );
  assert.equal(f.parameters.length, 0);
  assert.equal(f.problems.length, 3);
  // The language server's own messages (PAR005 / PAR011): both sides read the header with common/templateHeader.ts.
  const server = parseTemplate(
    "-- @param onlyname\n-- @param p VARCHAR = 'open\n-- @param q INT = two words\nSELECT 1",
  ).diagnostics;
  assert.deepEqual(
    f.problems,
    server.map((d) => d.message),
  );
  assert.match(f.problems[0], /Parameter 'onlyname' has no type/);
  assert.match(f.problems[1], /Default value of 'p' has no closing quote/);
  assert.match(f.problems[2], /Default value 'two words' contains spaces/);
});

const BODIES = [
  'SELECT 1',
  'SELECT 1\n',
  'SELECT a,\r\n  b\r\nFROM t\r\n',
  "SELECT 'it''s -- not a comment' AS x FROM t WHERE y = :p  \n\n",
  'WITH x AS (SELECT 1)\n-- a comment inside the body\nSELECT * FROM x',
  'SELECT "ünïcödé 🚀" FROM t\tWHERE\u00a0x = 1',
  '',
];

test('render → parse returns the body byte for byte, agreeing with the server parser', () => {
  for (const body of BODIES) {
    const content: TemplateContent = {
      name: 'Round trip',
      description: 'Checks bodies',
      parameters: [
        { name: 'p', type: 'VARCHAR', defaultValue: "a 'quoted' value" },
        { name: 'q', type: 'DATE' },
      ],
      body,
    };
    const { text, bodyRoundTrips } = renderTemplateFile({
      ...content,
      membership: 'm-1',
      arn: 'arn:x',
    });
    assert.equal(bodyRoundTrips, true, JSON.stringify(body));
    const back = parseTemplateFile(text);
    assert.equal(back.body, body);
    assert.equal(parseTemplate(text).template.body, body);
    assert.deepEqual(back.parameters, content.parameters);
    assert.equal(back.membership, 'm-1');
    assert.equal(back.arn, 'arn:x');
    assert.deepEqual(
      compareTemplates(
        {
          ...content,
          name: back.name!,
          description: back.description,
          parameters: back.parameters,
          body: back.body,
        },
        content,
      ),
      {
        descriptionDiffers: false,
        immutableDifferences: [],
      },
    );
  }
});

test('a body that starts like a header is flagged, since it cannot round-trip', () => {
  for (const body of ['-- leading comment\nSELECT 1', '\nSELECT 1', '   \nSELECT 1']) {
    assert.equal(
      renderTemplateFile({ name: 'n', parameters: [], body }).bodyRoundTrips,
      false,
      JSON.stringify(body),
    );
  }
});

test('defaults are always rendered quoted with doubled quotes', () => {
  assert.equal(quoteDefault("it's"), "'it''s'");
  const { text } = renderTemplateFile({
    name: 'n',
    parameters: [{ name: 'n', type: 'INTEGER', defaultValue: '10' }],
    body: 'SELECT 1',
  });
  assert.equal(text, "-- @name n\n-- @param n INTEGER = '10'\nSELECT 1");
});

test('header edits replace existing fields in place and insert missing ones after the header', () => {
  const edits = headerEdits(SAMPLE, {
    membership: 'aaaaaaaa-0000-4000-8000-000000000001',
    arn: 'arn:aws:cleanrooms:us-east-1:111122223333:membership/m/analysistemplate/t',
  });
  const out = applyEdits(SAMPLE, edits);
  const f = parseTemplateFile(out);
  assert.equal(f.membership, 'aaaaaaaa-0000-4000-8000-000000000001');
  assert.equal(f.arn, 'arn:aws:cleanrooms:us-east-1:111122223333:membership/m/analysistemplate/t');
  assert.equal(f.body, parseTemplateFile(SAMPLE).body);
  // Everything outside the two touched lines is unchanged.
  assert.equal(out.split('\n').length, SAMPLE.split('\n').length + 1);
  assert.equal(
    out.split('\n')[7],
    '-- @arn arn:aws:cleanrooms:us-east-1:111122223333:membership/m/analysistemplate/t',
  );
});

test('header edits keep CRLF line ends and work on a file without a header', () => {
  const crlf = '-- @name x\r\nSELECT 1\r\n';
  const out = applyEdits(crlf, headerEdits(crlf, { arn: 'arn:1' }));
  assert.equal(out, '-- @name x\r\n-- @arn arn:1\r\nSELECT 1\r\n');
  const bare = 'SELECT 2';
  assert.equal(
    applyEdits(bare, headerEdits(bare, { membership: 'm', arn: 'a' })),
    '-- @membership m\n-- @arn a\nSELECT 2',
  );
  const headerOnly = '-- @name y';
  assert.equal(
    applyEdits(headerOnly, headerEdits(headerOnly, { arn: 'a' })),
    '-- @name y\n-- @arn a',
  );
  assert.deepEqual(headerEdits(crlf, { name: 'x' }), []);
});

test('comparison names each immutable difference and spots description-only changes', () => {
  const remote: TemplateContent = {
    name: 'A',
    description: 'old',
    parameters: [
      { name: 'p', type: 'DATE', defaultValue: '2024-01-01' },
      { name: 'gone', type: 'INT' },
    ],
    body: 'SELECT 1',
  };
  assert.deepEqual(compareTemplates({ ...remote, description: 'new' }, remote), {
    descriptionDiffers: true,
    immutableDifferences: [],
  });
  const local: TemplateContent = {
    name: 'B',
    description: 'old',
    parameters: [
      { name: 'p', type: 'DATE', defaultValue: '2025-01-01' },
      { name: 'added', type: 'INT' },
    ],
    body: 'SELECT 2',
  };
  assert.deepEqual(compareTemplates(local, remote).immutableDifferences, [
    'name ("B" here, "A" in AWS)',
    'SQL text',
    'parameter p default value',
    'parameter added (added)',
    'parameter gone (removed)',
  ]);
  assert.deepEqual(
    compareTemplates(
      {
        ...remote,
        parameters: [
          { name: 'p', type: 'date', defaultValue: '2024-01-01' },
          { name: 'gone', type: 'INT' },
        ],
      },
      remote,
    ).immutableDifferences,
    [],
  );
});

test('a name with a trailing space (allowed by the service) survives the header as unchanged', () => {
  const remote = { name: 'Reach ', description: 'd ', parameters: [], body: 'SELECT 1' };
  const back = parseTemplateFile(renderTemplateFile(remote).text);
  assert.deepEqual(
    compareTemplates({ ...remote, name: back.name!, description: back.description }, remote),
    { descriptionDiffers: false, immutableDifferences: [] },
  );
  assert.deepEqual(compareTemplates({ ...remote, name: 'Reach2' }, remote).immutableDifferences, [
    'name ("Reach2" here, "Reach " in AWS)',
  ]);
});

test('header values set in place never spill into the body', () => {
  const text = '-- @name A\n-- @description old\nSELECT 1';
  const out = applyEdits(text, headerEdits(text, { description: 'two\nlines' }));
  assert.equal(out, '-- @name A\n-- @description two lines\nSELECT 1');
});

test('unlinking removes only the @arn line, whatever the line endings', () => {
  for (const eol of ['\n', '\r\n']) {
    const text = [
      '-- @name Reach',
      '-- @membership m-1',
      '-- @arn arn:aws:cleanrooms:us-east-1:111122223333:membership/m/analysistemplate/t',
      'SELECT 1',
    ].join(eol);
    const out = applyEdits(text, removeHeaderField(text, 'arn'));
    assert.equal(out, ['-- @name Reach', '-- @membership m-1', 'SELECT 1'].join(eol));
    assert.equal(parseTemplateFile(out).arn, undefined);
    assert.deepEqual(removeHeaderField(out, 'arn'), []);
  }
});
