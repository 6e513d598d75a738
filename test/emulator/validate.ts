// Request validation with the service model's constraints (shared/reference/template-constraints.md
// §1). Each check returns field problems; the caller turns them into one ValidationException.
import { validationError, type FieldProblem } from './errors';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const NAME_PATTERN = /^[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?$/;
/** The model's description class (XML Char): printable Unicode plus TAB, CR, LF. */
export const DESCRIPTION_PATTERN = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t\r\n]*$/u;
export const PARAMETER_NAME_PATTERN = /^[0-9a-zA-Z_]+$/;
export const TEMPLATE_ARN_PATTERN =
  /^arn:aws[-a-z]*:cleanrooms:[\w]{2}-[\w]{4,9}-[\d]:[\d]{12}:membership\/[\d\w-]+\/analysistemplate\/[\d\w-]+$/;

export const PARAMETER_TYPES = [
  'SMALLINT', 'INTEGER', 'BIGINT', 'DECIMAL', 'REAL', 'DOUBLE_PRECISION', 'BOOLEAN', 'CHAR', 'VARCHAR',
  'DATE', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIME', 'TIMETZ', 'VARBYTE', 'BINARY', 'BYTE', 'CHARACTER',
  'DOUBLE', 'FLOAT', 'INT', 'LONG', 'NUMERIC', 'SHORT', 'STRING', 'TIMESTAMP_LTZ', 'TIMESTAMP_NTZ', 'TINYINT',
];

export const LIMITS = {
  name: 128,
  description: 255,
  text: 500_000,
  parameters: 50,
  parameterName: 100,
  defaultValue: 1000,
  tags: 200,
  tagKey: 128,
  tagValue: 256,
};

const pattern = (field: string, value: string, re: RegExp): FieldProblem => ({
  name: field,
  message: `Value '${value.length > 60 ? `${value.slice(0, 60)}...` : value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${re.source}`,
});
const tooLong = (field: string, max: number): FieldProblem => ({
  name: field,
  message: `Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
});
const missing = (field: string): FieldProblem => ({ name: field, message: `Value null at '${field}' failed to satisfy constraint: Member must not be null` });
const wrongType = (field: string, expected: string): FieldProblem => ({ name: field, message: `Value at '${field}' must be ${expected}` });

export function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw validationError(problems);
}

export function checkUuid(field: string, value: string): FieldProblem[] {
  return UUID_PATTERN.test(value) ? [] : [pattern(field, value, UUID_PATTERN)];
}

export function checkTemplateArn(field: string, value: string): FieldProblem[] {
  if (value.length > 200) return [tooLong(field, 200)];
  return TEMPLATE_ARN_PATTERN.test(value) ? [] : [pattern(field, value, TEMPLATE_ARN_PATTERN)];
}

export function checkDescription(field: string, value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [wrongType(field, 'a string')];
  if (value.length > LIMITS.description) return [tooLong(field, LIMITS.description)];
  return DESCRIPTION_PATTERN.test(value) ? [] : [pattern(field, value, DESCRIPTION_PATTERN)];
}

const ANALYSIS_RULE_TYPES = ['AGGREGATION', 'LIST', 'CUSTOM', 'ID_MAPPING_TABLE'];

export function checkRuleType(field: string, value: string): FieldProblem[] {
  if (ANALYSIS_RULE_TYPES.includes(value)) return [];
  return [{ name: field, message: `Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYSIS_RULE_TYPES.join(', ')}]` }];
}

export function checkMaxResults(raw: string | null): FieldProblem[] {
  if (raw === null) return [];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    return [{ name: 'maxResults', message: `Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100` }];
  }
  return [];
}

function checkParameters(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [wrongType('analysisParameters', 'a list')];
  const problems: FieldProblem[] = [];
  if (value.length > LIMITS.parameters) {
    problems.push({ name: 'analysisParameters', message: `Value at 'analysisParameters' failed to satisfy constraint: Member must have length less than or equal to ${LIMITS.parameters}` });
  }
  value.forEach((p: unknown, i) => {
    const at = `analysisParameters.${i + 1}.member`;
    if (typeof p !== 'object' || p === null) {
      problems.push(wrongType(at, 'an object'));
      return;
    }
    const { name, type, defaultValue } = p as Record<string, unknown>;
    if (typeof name !== 'string') problems.push(missing(`${at}.name`));
    else if (name.length < 1 || name.length > LIMITS.parameterName) {
      problems.push({ name: `${at}.name`, message: `Value at '${at}.name' failed to satisfy constraint: Member must have length between 1 and ${LIMITS.parameterName}` });
    } else if (!PARAMETER_NAME_PATTERN.test(name)) problems.push(pattern(`${at}.name`, name, PARAMETER_NAME_PATTERN));
    if (typeof type !== 'string') problems.push(missing(`${at}.type`));
    else if (!PARAMETER_TYPES.includes(type)) {
      problems.push({ name: `${at}.type`, message: `Value '${type}' at '${at}.type' failed to satisfy constraint: Member must satisfy enum value set: [${PARAMETER_TYPES.join(', ')}]` });
    }
    if (defaultValue !== undefined) {
      if (typeof defaultValue !== 'string') problems.push(wrongType(`${at}.defaultValue`, 'a string'));
      else if (defaultValue.length > LIMITS.defaultValue) problems.push(tooLong(`${at}.defaultValue`, LIMITS.defaultValue));
    }
  });
  return problems;
}

function checkTags(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [wrongType('tags', 'a map')];
  const entries = Object.entries(value);
  const problems: FieldProblem[] = [];
  if (entries.length > LIMITS.tags) problems.push({ name: 'tags', message: `Value at 'tags' failed to satisfy constraint: Member must have at most ${LIMITS.tags} entries` });
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > LIMITS.tagKey) problems.push(tooLong('tags.key', LIMITS.tagKey));
    if (typeof v !== 'string' || v.length > LIMITS.tagValue) problems.push(tooLong(`tags.${k}`, LIMITS.tagValue));
  }
  return problems;
}

export interface CreateTemplateInput {
  name: string;
  description?: string;
  format: string;
  text: string;
  analysisParameters: { name: string; type: string; defaultValue?: string }[];
}

/** Validates a CreateAnalysisTemplate body; throws ValidationException or returns the input. */
export function parseCreateTemplate(body: Record<string, unknown>): CreateTemplateInput {
  const problems: FieldProblem[] = [];
  const { name, description, format, source, analysisParameters, tags } = body;
  if (typeof name !== 'string') problems.push(missing('name'));
  else if (name.length > LIMITS.name) problems.push(tooLong('name', LIMITS.name));
  else if (!NAME_PATTERN.test(name)) problems.push(pattern('name', name, NAME_PATTERN));
  problems.push(...checkDescription('description', description));
  if (typeof format !== 'string') problems.push(missing('format'));
  else if (format !== 'SQL' && format !== 'PYSPARK_1_0') {
    problems.push({ name: 'format', message: `Value '${format}' at 'format' failed to satisfy constraint: Member must satisfy enum value set: [SQL, PYSPARK_1_0]` });
  }
  let text: unknown;
  if (typeof source !== 'object' || source === null) problems.push(missing('source'));
  else {
    const members = Object.keys(source);
    if (members.length !== 1) problems.push({ name: 'source', message: `Value at 'source' failed to satisfy constraint: Union must have exactly one member set` });
    text = (source as Record<string, unknown>).text;
    if (text !== undefined && typeof text !== 'string') problems.push(wrongType('source.text', 'a string'));
    else if (typeof text === 'string' && text.length > LIMITS.text) problems.push(tooLong('source.text', LIMITS.text));
  }
  problems.push(...checkParameters(analysisParameters), ...checkTags(tags));
  throwIfProblems(problems);
  return {
    name: name as string,
    ...(description !== undefined ? { description: description as string } : {}),
    format: format as string,
    text: text as string,
    analysisParameters: (analysisParameters as CreateTemplateInput['analysisParameters'] | undefined) ?? [],
  };
}
