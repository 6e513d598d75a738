// Sample CSVs as Run Locally reads them: cells typed by the schema's column types, header in any
// order, and a clear error naming the file, line and column of a bad cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  emptySampleCsv,
  loadSampleTable,
  schemaTables,
} from '../../../client/src/local/sampleData';

const table = {
  name: 'sales',
  columns: [
    { name: 'id', type: 'bigint' },
    { name: 'price', type: 'double' },
    { name: 'member', type: 'boolean' },
    { name: 'note', type: 'string' },
  ],
};

test('cells are read by column type, in schema order whatever the header order; an empty cell is NULL', () => {
  const csv = 'note,member,price,id\r\n"a, quoted ""note""",true,12.5,1\r\n,false,,2\r\n';
  assert.deepEqual(loadSampleTable(table, csv, 'sales.csv').rows, [
    [1, 12.5, 1, 'a, quoted "note"'],
    [2, null, 0, null],
  ]);
});

test('text stays text: digits in a string column are not turned into numbers', () => {
  const rows = loadSampleTable(table, 'id,price,member,note\n7,1,false,007\n', 'f.csv').rows;
  assert.deepEqual(rows[0][3], '007');
});

test('blank lines are skipped, and a bad cell is reported with its file, line and column', () => {
  assert.equal(
    loadSampleTable(table, 'id,price,member,note\n\n1,2,true,x\n\n', 'f.csv').rows.length,
    1,
  );
  assert.throws(
    () => loadSampleTable(table, 'id,price,member,note\n1,2,true,x\n1.5,2,true,x\n', 'f.csv'),
    /f\.csv, line 3: "1\.5" is not a bigint \(column id\)/,
  );
  assert.throws(
    () => loadSampleTable(table, 'id,price,member,note\n1,cheap,true,x\n', 'f.csv'),
    /"cheap" is not a double \(column price\)/,
  );
  assert.throws(
    () => loadSampleTable(table, 'id,price,member,note\n1,2,yes,x\n', 'f.csv'),
    /"yes" is not a boolean/,
  );
});

test('a header missing a schema column, or naming one the schema lacks, is refused', () => {
  assert.throws(
    () => loadSampleTable(table, 'id,price,note\n', 'f.csv'),
    /lacks column\(s\) member of table sales/,
  );
  assert.throws(
    () => loadSampleTable(table, 'id,price,member,note,extra\n', 'f.csv'),
    /extra are not in table sales/,
  );
});

test('the schema file gives tables and typed columns; the starter CSV is its header', () => {
  const tables = schemaTables(
    JSON.stringify({
      tables: [{ name: 'sales', columns: table.columns, analysisRuleType: 'CUSTOM' }],
    }),
  );
  assert.deepEqual(tables, [table]);
  assert.equal(emptySampleCsv(tables[0]), 'id,price,member,note\r\n');
  assert.deepEqual(loadSampleTable(table, emptySampleCsv(table), 'f.csv').rows, []);
  assert.throws(
    () => schemaTables('{"tables":[{"name":"t","columns":[{"name":"c"}]}]}'),
    /every column needs a "name" and a "type"/,
  );
});
