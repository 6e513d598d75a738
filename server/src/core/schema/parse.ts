// cleanrooms.schema.json → Schema. A malformed file yields diagnostics pointing into it; a table
// entry with any wrong field is left out whole (a half-read table could turn a DP table into a
// non-DP one and give a wrong VALID), so templates using it become UNABLE_TO_VALIDATE.
import { isTemplateArn } from '../arn';
import type { Diagnostic, Located, Schema, SchemaColumn, SchemaTable, Span } from '../types';
import { parseJson, type JsonNode } from './json';
import { SCHEMA_FILE_NAME } from '../../../../common/schemaFile';

// The service's AnalysisRuleType values; rule 3 compares them across the tables a query reads.
const RULE_TYPES = ['CUSTOM', 'AGGREGATION', 'LIST', 'ID_MAPPING_TABLE'];
// AnalysisRuleCustom's AdditionalAnalyses values.
const ADDITIONAL_ANALYSES = ['ALLOWED', 'REQUIRED', 'NOT_ALLOWED'];
const WILDCARDS = ['ANY_QUERY', 'ANY_JOB'];
// AnalysisRuleColumnName: 1–127 characters.
const MAX_RULE_COLUMN_LENGTH = 127;

type Obj = Extract<JsonNode, { kind: 'object' }>;

const member = (o: Obj, key: string) => o.members.find((m) => m.key === key);
const kindName = (n: JsonNode) =>
  n.kind === 'null'
    ? 'null'
    : n.kind === 'object'
      ? 'an object'
      : n.kind === 'array'
        ? 'an array'
        : `a ${n.kind}`;

export function parseSchema(text: string): { schema: Schema; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const schema: Schema = { tables: [] };
  const problem = (span: Span, message: string, severity: Diagnostic['severity'] = 'error') =>
    diagnostics.push({ code: 'SCF002', severity, message, span });

  const { node, error } = parseJson(text);
  if (error || !node) {
    diagnostics.push({
      code: 'SCF001',
      severity: 'error',
      message: `${SCHEMA_FILE_NAME} is not valid JSON: ${error!.message}.`,
      span: error!.span,
    });
    return { schema, diagnostics };
  }
  if (node.kind !== 'object') {
    problem(
      node.span,
      `The schema must be an object like { "tables": [ ... ] }, not ${kindName(node)}.`,
    );
    return { schema, diagnostics };
  }
  const tables = member(node, 'tables');
  if (!tables) {
    problem(
      { start: node.span.start, end: node.span.start + 1 },
      'The schema has no "tables" array. Add "tables": [ { "name": "...", "columns": [...] } ].',
    );
    return { schema, diagnostics };
  }
  if (tables.value.kind !== 'array') {
    problem(tables.value.span, `"tables" must be an array, not ${kindName(tables.value)}.`);
    return { schema, diagnostics };
  }
  const seen = new Map<string, Span>();
  for (const item of tables.value.items) {
    const table = readTable(item, problem);
    if (!table) continue;
    const key = table.name.toLowerCase();
    if (seen.has(key)) {
      problem(
        table.span!,
        `Table '${table.name}' is listed twice; only the first entry is used.`,
        'warning',
      );
      continue;
    }
    seen.set(key, table.span!);
    schema.tables.push(table);
  }
  return { schema, diagnostics };
}

function readTable(
  item: JsonNode,
  problem: (span: Span, message: string, severity?: Diagnostic['severity']) => void,
): SchemaTable | undefined {
  if (item.kind !== 'object') {
    problem(
      item.span,
      `Each table must be an object with "name" and "columns", not ${kindName(item)}.`,
    );
    return undefined;
  }
  let ok = true;
  const bad = (span: Span, message: string) => {
    ok = false;
    problem(span, message);
  };
  const name = member(item, 'name');
  if (!name) bad({ start: item.span.start, end: item.span.start + 1 }, 'This table has no "name".');
  else if (name.value.kind !== 'string' || !name.value.value)
    bad(name.value.span, '"name" must be a non-empty string (the table name used in SQL).');

  const table: SchemaTable = {
    name: name?.value.kind === 'string' ? name.value.value : '',
    analysisRuleType: 'CUSTOM',
    columns: [],
    span: name?.value.span ?? item.span,
  };

  const rule = member(item, 'analysisRuleType');
  if (rule) {
    if (rule.value.kind !== 'string' || !RULE_TYPES.includes(rule.value.value))
      bad(rule.value.span, `"analysisRuleType" must be one of ${RULE_TYPES.join(', ')}.`);
    else table.analysisRuleType = rule.value.value;
  }

  const account = member(item, 'creatorAccountId');
  if (account) {
    if (account.value.kind !== 'string' || !/^\d{12}$/.test(account.value.value))
      bad(account.value.span, '"creatorAccountId" must be a 12-digit AWS account id in quotes.');
    else table.creatorAccountId = account.value.value;
  }

  const columns = member(item, 'columns');
  if (columns) {
    if (columns.value.kind !== 'array')
      bad(
        columns.value.span,
        `"columns" must be an array of { "name": ..., "type": ... }, not ${kindName(columns.value)}.`,
      );
    else {
      for (const c of columns.value.items) {
        const col = readColumn(c, bad);
        if (col) table.columns.push(col);
      }
    }
  }

  const dp = member(item, 'differentialPrivacy');
  if (dp && dp.value.kind !== 'null') {
    table.dpSpan = { start: dp.keySpan.start, end: dp.value.span.end };
    const col = dp.value.kind === 'object' ? member(dp.value, 'userIdColumn') : undefined;
    if (dp.value.kind !== 'object')
      bad(
        dp.value.span,
        '"differentialPrivacy" must be an object like { "userIdColumn": "user_id" }.',
      );
    else if (!col)
      bad(
        dp.value.span,
        '"differentialPrivacy" needs "userIdColumn": the column that identifies a user.',
      );
    else if (col.value.kind !== 'string' || !col.value.value)
      bad(col.value.span, '"userIdColumn" must be a non-empty string.');
    else {
      const userId = col.value.value;
      table.userIdColumn = userId;
      if (
        table.columns.length &&
        !table.columns.some((c) => c.name.toLowerCase() === userId.toLowerCase())
      ) {
        problem(
          col.value.span,
          `User identifier column '${userId}' is not in this table's "columns".`,
          'warning',
        );
      }
    }
  }
  readCustomRule(item, table, bad, problem);
  return ok ? table : undefined;
}

/**
 * The custom analysis rule's controls (`allowedAnalyses`, `allowedAnalysisProviders`,
 * `disallowedOutputColumns`, `additionalAnalyses`). A wrong value drops the table like any other
 * wrong field: a half-read rule could hide a disallowed column.
 */
function readCustomRule(
  item: Obj,
  table: SchemaTable,
  bad: (span: Span, message: string) => void,
  problem: (span: Span, message: string, severity?: Diagnostic['severity']) => void,
): void {
  const custom = table.analysisRuleType === 'CUSTOM';
  const onlyCustom = (key: string, span: Span) =>
    bad(
      span,
      `"${key}" belongs to a CUSTOM analysis rule, but this table's "analysisRuleType" is ${table.analysisRuleType}. Remove it or correct the rule type.`,
    );

  const analyses = readStringList(
    item,
    'allowedAnalyses',
    (v) => WILDCARDS.includes(v) || isTemplateArn(v),
    'an analysis template ARN (arn:aws:cleanrooms:REGION:ACCOUNT:membership/ID/analysistemplate/ID), "ANY_QUERY" or "ANY_JOB"',
    bad,
  );
  const providers = readStringList(
    item,
    'allowedAnalysisProviders',
    (v) => /^\d{12}$/.test(v),
    'a 12-digit AWS account id in quotes',
    bad,
  );
  const disallowed = readStringList(
    item,
    'disallowedOutputColumns',
    (v) => v.length > 0 && v.length <= MAX_RULE_COLUMN_LENGTH,
    `a column name of 1 to ${MAX_RULE_COLUMN_LENGTH} characters`,
    bad,
  );
  for (const [key, list] of [
    ['allowedAnalyses', analyses],
    ['allowedAnalysisProviders', providers],
    ['disallowedOutputColumns', disallowed],
  ] as const) {
    if (!list) continue;
    if (!custom) onlyCustom(key, list.span);
    else table[key] = list;
  }
  if (disallowed && table.columns.length) {
    const known = new Set(table.columns.map((c) => c.name.toLowerCase()));
    const missing = disallowed.value.filter((c) => !known.has(c.toLowerCase()));
    if (missing.length)
      problem(
        disallowed.span,
        `Disallowed output column(s) ${missing.map((c) => `'${c}'`).join(', ')} not in this table's "columns"; a misspelt name is never checked.`,
        'warning',
      );
  }

  const additional = member(item, 'additionalAnalyses');
  if (
    additional &&
    (additional.value.kind !== 'string' || !ADDITIONAL_ANALYSES.includes(additional.value.value))
  ) {
    bad(
      additional.value.span,
      `"additionalAnalyses" must be one of ${ADDITIONAL_ANALYSES.join(', ')}.`,
    );
  } else if (additional && !['CUSTOM', 'LIST', 'AGGREGATION'].includes(table.analysisRuleType)) {
    bad(
      additional.value.span,
      `"additionalAnalyses" belongs to a CUSTOM, LIST or AGGREGATION analysis rule, not ${table.analysisRuleType}.`,
    );
  }
}

/** An array of strings each passing `valid`; the span covers the member, key included. */
function readStringList(
  item: Obj,
  key: string,
  valid: (v: string) => boolean,
  expected: string,
  bad: (span: Span, message: string) => void,
): Located<string[]> | undefined {
  const m = member(item, key);
  if (!m) return undefined;
  if (m.value.kind !== 'array') {
    bad(m.value.span, `"${key}" must be an array, not ${kindName(m.value)}.`);
    return undefined;
  }
  const values: string[] = [];
  for (const v of m.value.items) {
    if (v.kind === 'string' && valid(v.value)) values.push(v.value);
    else
      bad(
        v.span,
        `Each entry of "${key}" must be ${expected}${v.kind === 'string' ? `, not '${v.value}'` : `, not ${kindName(v)}`}.`,
      );
  }
  return { value: values, span: { start: m.keySpan.start, end: m.value.span.end } };
}

function readColumn(
  c: JsonNode,
  bad: (span: Span, message: string) => void,
): SchemaColumn | undefined {
  if (c.kind === 'string' && c.value) return { name: c.value, span: c.span };
  if (c.kind !== 'object') {
    bad(
      c.span,
      `Each column must be an object like { "name": "user_id", "type": "string" }, not ${kindName(c)}.`,
    );
    return undefined;
  }
  const name = member(c, 'name');
  if (!name || name.value.kind !== 'string' || !name.value.value) {
    bad(name?.value.span ?? c.span, 'Each column needs a non-empty "name" string.');
    return undefined;
  }
  const type = member(c, 'type');
  if (type && type.value.kind !== 'string') {
    bad(type.value.span, '"type" must be a string, e.g. "string" or "bigint".');
    return undefined;
  }
  return {
    name: name.value.value,
    span: name.value.span,
    ...(type?.value.kind === 'string' ? { type: type.value.value } : {}),
  };
}
