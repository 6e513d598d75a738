// Request validation with the service model's constraints (shared/reference/template-constraints.md
// §1). Each check returns field problems; the caller turns them into one ValidationException.
import { MAX_TEMPLATE_ARN_LENGTH, TEMPLATE_ARN } from '../../server/src/core/arn';
import { PARAMETER_TYPES } from '../../server/src/core/rules/params/context';
import { invalidConfiguration, validationError, type FieldProblem } from './errors';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const NAME_PATTERN = /^[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?$/;
/** The model's description class (XML Char): printable Unicode plus TAB, CR, LF. */
export const DESCRIPTION_PATTERN = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t\r\n]*$/u;
export const PARAMETER_NAME_PATTERN = /^[0-9a-zA-Z_]+$/;

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
  /** AnalysisTemplateArtifactList: 1 item (template-constraints.md §1). */
  additionalArtifacts: 1,
};

const pattern = (field: string, value: string, re: RegExp): FieldProblem => ({
  name: field,
  message: `Value '${value.length > 60 ? `${value.slice(0, 60)}...` : value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${re.source}`,
});
const tooLong = (field: string, max: number): FieldProblem => ({
  name: field,
  message: `Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
});
const missing = (field: string): FieldProblem => ({
  name: field,
  message: `Value null at '${field}' failed to satisfy constraint: Member must not be null`,
});
const wrongType = (field: string, expected: string): FieldProblem => ({
  name: field,
  message: `Value at '${field}' must be ${expected}`,
});

export function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw validationError(problems);
}

export function checkUuid(field: string, value: string): FieldProblem[] {
  return UUID_PATTERN.test(value) ? [] : [pattern(field, value, UUID_PATTERN)];
}

export function checkTemplateArn(field: string, value: string): FieldProblem[] {
  if (value.length > MAX_TEMPLATE_ARN_LENGTH) return [tooLong(field, MAX_TEMPLATE_ARN_LENGTH)];
  return TEMPLATE_ARN.test(value) ? [] : [pattern(field, value, TEMPLATE_ARN)];
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
  return [
    {
      name: field,
      message: `Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYSIS_RULE_TYPES.join(', ')}]`,
    },
  ];
}

export function checkMaxResults(raw: string | null): FieldProblem[] {
  if (raw === null) return [];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    return [
      {
        name: 'maxResults',
        message: `Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`,
      },
    ];
  }
  return [];
}

function checkParameters(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [wrongType('analysisParameters', 'a list')];
  const problems: FieldProblem[] = [];
  if (value.length > LIMITS.parameters) {
    problems.push({
      name: 'analysisParameters',
      message: `Value at 'analysisParameters' failed to satisfy constraint: Member must have length less than or equal to ${LIMITS.parameters}`,
    });
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
      problems.push({
        name: `${at}.name`,
        message: `Value at '${at}.name' failed to satisfy constraint: Member must have length between 1 and ${LIMITS.parameterName}`,
      });
    } else if (!PARAMETER_NAME_PATTERN.test(name))
      problems.push(pattern(`${at}.name`, name, PARAMETER_NAME_PATTERN));
    if (typeof type !== 'string') problems.push(missing(`${at}.type`));
    else if (!(PARAMETER_TYPES as readonly string[]).includes(type)) {
      problems.push({
        name: `${at}.type`,
        message: `Value '${type}' at '${at}.type' failed to satisfy constraint: Member must satisfy enum value set: [${PARAMETER_TYPES.join(', ')}]`,
      });
    }
    if (defaultValue !== undefined) {
      if (typeof defaultValue !== 'string')
        problems.push(wrongType(`${at}.defaultValue`, 'a string'));
      else if (defaultValue.length > LIMITS.defaultValue)
        problems.push(tooLong(`${at}.defaultValue`, LIMITS.defaultValue));
    }
  });
  return problems;
}

function checkTags(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [wrongType('tags', 'a map')];
  const entries = Object.entries(value);
  const problems: FieldProblem[] = [];
  if (entries.length > LIMITS.tags)
    problems.push({
      name: 'tags',
      message: `Value at 'tags' failed to satisfy constraint: Member must have at most ${LIMITS.tags} entries`,
    });
  for (const [k, v] of entries) {
    if (k.length < 1 || k.length > LIMITS.tagKey) problems.push(tooLong('tags.key', LIMITS.tagKey));
    if (typeof v !== 'string' || v.length > LIMITS.tagValue)
      problems.push(tooLong(`tags.${k}`, LIMITS.tagValue));
  }
  return problems;
}

/** `source.artifacts` of a PySpark template (AnalysisTemplateArtifacts). */
export interface TemplateArtifacts {
  entryPoint: { location: S3Location };
  additionalArtifacts?: { location: S3Location }[];
  roleArn: string;
}

export interface S3Location {
  bucket: string;
  key: string;
}

/** SyntheticDataParameters: a union with the one member the model defines. */
export interface SyntheticDataParameters {
  mlSyntheticDataParameters: {
    epsilon: number;
    maxMembershipInferenceAttackScore: number;
    columnClassification: {
      columnMapping: {
        columnName: string;
        columnType: 'CATEGORICAL' | 'NUMERICAL';
        isPredictiveValue: boolean;
      }[];
    };
  };
}

export interface CreateTemplateInput {
  name: string;
  description?: string;
  format: 'SQL' | 'PYSPARK_1_0';
  text?: string;
  artifacts?: TemplateArtifacts;
  analysisParameters: { name: string; type: string; defaultValue?: string }[];
  /** `schema.referencedTables` as sent; the service derives it from SQL, PySpark must send it. */
  referencedTables?: string[];
  errorMessageConfiguration?: { type: 'DETAILED' };
  syntheticDataParameters?: SyntheticDataParameters;
  tags: Record<string, string>;
}

/** S3 bucket names: 3–63 characters, lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const KEY_PATTERN = /^[a-zA-Z0-9!_.*'()\-/]+$/;
export const ROLE_ARN_PATTERN = /^arn:aws:iam::[\w]+:role\/[\w+=./@-]+$/;
export const SYNTHETIC_COLUMN_PATTERN = /^[a-z0-9_](([a-z0-9_]+-)*([a-z0-9_]+))?$/;

const outOfRange = (field: string, min: number, max: number): FieldProblem => ({
  name: field,
  message: `Value at '${field}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
});
const lengthBetween = (field: string, min: number, max: number): FieldProblem => ({
  name: field,
  message: `Value at '${field}' failed to satisfy constraint: Member must have length between ${min} and ${max}`,
});
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checkLocation(at: string, value: unknown): FieldProblem[] {
  if (!isObject(value)) return [missing(at)];
  const { bucket, key } = value;
  const problems: FieldProblem[] = [];
  if (typeof bucket !== 'string') problems.push(missing(`${at}.bucket`));
  else if (bucket.length < 3 || bucket.length > 63)
    problems.push(lengthBetween(`${at}.bucket`, 3, 63));
  else if (!BUCKET_PATTERN.test(bucket))
    problems.push(pattern(`${at}.bucket`, bucket, BUCKET_PATTERN));
  if (typeof key !== 'string') problems.push(missing(`${at}.key`));
  else if (key.length < 1 || key.length > 1024) problems.push(lengthBetween(`${at}.key`, 1, 1024));
  else if (!KEY_PATTERN.test(key)) problems.push(pattern(`${at}.key`, key, KEY_PATTERN));
  return problems;
}

function checkArtifacts(value: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { entryPoint, additionalArtifacts, roleArn } = value;
  if (!isObject(entryPoint)) problems.push(missing('source.artifacts.entryPoint'));
  else problems.push(...checkLocation('source.artifacts.entryPoint.location', entryPoint.location));
  if (additionalArtifacts !== undefined) {
    if (!Array.isArray(additionalArtifacts))
      problems.push(wrongType('source.artifacts.additionalArtifacts', 'a list'));
    else {
      if (
        additionalArtifacts.length < 1 ||
        additionalArtifacts.length > LIMITS.additionalArtifacts
      ) {
        problems.push(
          lengthBetween('source.artifacts.additionalArtifacts', 1, LIMITS.additionalArtifacts),
        );
      }
      additionalArtifacts.forEach((a: unknown, i) => {
        const at = `source.artifacts.additionalArtifacts.${i + 1}.member`;
        problems.push(
          ...(isObject(a) ? checkLocation(`${at}.location`, a.location) : [missing(at)]),
        );
      });
    }
  }
  if (typeof roleArn !== 'string') problems.push(missing('source.artifacts.roleArn'));
  else if (roleArn.length < 32 || roleArn.length > 512)
    problems.push(lengthBetween('source.artifacts.roleArn', 32, 512));
  else if (!ROLE_ARN_PATTERN.test(roleArn))
    problems.push(pattern('source.artifacts.roleArn', roleArn, ROLE_ARN_PATTERN));
  return problems;
}

function checkSyntheticData(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  const at = 'syntheticDataParameters';
  if (
    !isObject(value) ||
    Object.keys(value).length !== 1 ||
    !isObject(value.mlSyntheticDataParameters)
  ) {
    return [
      {
        name: at,
        message: `Value at '${at}' failed to satisfy constraint: Union must have exactly one member set`,
      },
    ];
  }
  const ml = value.mlSyntheticDataParameters;
  const p = `${at}.mlSyntheticDataParameters`;
  const problems: FieldProblem[] = [];
  const { epsilon, maxMembershipInferenceAttackScore: mia, columnClassification } = ml;
  if (typeof epsilon !== 'number') problems.push(missing(`${p}.epsilon`));
  else if (epsilon < 0.0001 || epsilon > 10) problems.push(outOfRange(`${p}.epsilon`, 0.0001, 10));
  if (typeof mia !== 'number') problems.push(missing(`${p}.maxMembershipInferenceAttackScore`));
  else if (mia < 0.5 || mia > 1)
    problems.push(outOfRange(`${p}.maxMembershipInferenceAttackScore`, 0.5, 1));
  const mapping = isObject(columnClassification) ? columnClassification.columnMapping : undefined;
  if (!Array.isArray(mapping))
    return [...problems, missing(`${p}.columnClassification.columnMapping`)];
  if (mapping.length < 5 || mapping.length > 1000)
    problems.push(lengthBetween(`${p}.columnClassification.columnMapping`, 5, 1000));
  mapping.forEach((c: unknown, i) => {
    const cm = `${p}.columnClassification.columnMapping.${i + 1}.member`;
    if (!isObject(c)) return void problems.push(missing(cm));
    const { columnName, columnType, isPredictiveValue } = c;
    if (typeof columnName !== 'string') problems.push(missing(`${cm}.columnName`));
    else if (columnName.length > 128) problems.push(tooLong(`${cm}.columnName`, 128));
    else if (!SYNTHETIC_COLUMN_PATTERN.test(columnName))
      problems.push(pattern(`${cm}.columnName`, columnName, SYNTHETIC_COLUMN_PATTERN));
    if (columnType !== 'CATEGORICAL' && columnType !== 'NUMERICAL') {
      problems.push({
        name: `${cm}.columnType`,
        message: `Value '${String(columnType)}' at '${cm}.columnType' failed to satisfy constraint: Member must satisfy enum value set: [CATEGORICAL, NUMERICAL]`,
      });
    }
    if (typeof isPredictiveValue !== 'boolean') problems.push(missing(`${cm}.isPredictiveValue`));
  });
  return problems;
}

function checkReferencedTables(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!isObject(value)) return [wrongType('schema', 'an object')];
  const tables = value.referencedTables;
  if (tables === undefined) return [];
  if (!Array.isArray(tables)) return [wrongType('schema.referencedTables', 'a list')];
  return tables.flatMap((t: unknown, i) => {
    const at = `schema.referencedTables.${i + 1}.member`;
    if (typeof t !== 'string') return [wrongType(at, 'a string')];
    if (t.length > LIMITS.name) return [tooLong(at, LIMITS.name)];
    return NAME_PATTERN.test(t) ? [] : [pattern(at, t, NAME_PATTERN)];
  });
}

function checkErrorMessageConfiguration(value: unknown): FieldProblem[] {
  if (value === undefined) return [];
  if (!isObject(value) || value.type !== 'DETAILED') {
    return [
      {
        name: 'errorMessageConfiguration.type',
        message: `Value at 'errorMessageConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [DETAILED]`,
      },
    ];
  }
  return [];
}

/**
 * Validates a CreateAnalysisTemplate body; throws ValidationException or returns the input.
 * Beyond the model's constraints: SQL needs `source.text` and PYSPARK_1_0 needs
 * `source.artifacts` (INVALID_CONFIGURATION otherwise), as the two formats' docs describe.
 */
export function parseCreateTemplate(body: Record<string, unknown>): CreateTemplateInput {
  const problems: FieldProblem[] = [];
  const {
    name,
    description,
    format,
    source,
    analysisParameters,
    tags,
    schema,
    errorMessageConfiguration,
    syntheticDataParameters,
  } = body;
  if (typeof name !== 'string') problems.push(missing('name'));
  else if (name.length > LIMITS.name) problems.push(tooLong('name', LIMITS.name));
  else if (!NAME_PATTERN.test(name)) problems.push(pattern('name', name, NAME_PATTERN));
  problems.push(...checkDescription('description', description));
  if (typeof format !== 'string') problems.push(missing('format'));
  else if (format !== 'SQL' && format !== 'PYSPARK_1_0') {
    problems.push({
      name: 'format',
      message: `Value '${format}' at 'format' failed to satisfy constraint: Member must satisfy enum value set: [SQL, PYSPARK_1_0]`,
    });
  }
  let text: unknown;
  let artifacts: unknown;
  if (!isObject(source)) problems.push(missing('source'));
  else {
    const members = Object.keys(source);
    if (members.length !== 1)
      problems.push({
        name: 'source',
        message: `Value at 'source' failed to satisfy constraint: Union must have exactly one member set`,
      });
    text = source.text;
    artifacts = source.artifacts;
    if (text !== undefined && typeof text !== 'string')
      problems.push(wrongType('source.text', 'a string'));
    else if (typeof text === 'string' && text.length > LIMITS.text)
      problems.push(tooLong('source.text', LIMITS.text));
    if (artifacts !== undefined)
      problems.push(
        ...(isObject(artifacts)
          ? checkArtifacts(artifacts)
          : [wrongType('source.artifacts', 'an object')]),
      );
  }
  problems.push(
    ...checkParameters(analysisParameters),
    ...checkTags(tags),
    ...checkReferencedTables(schema),
    ...checkErrorMessageConfiguration(errorMessageConfiguration),
    ...checkSyntheticData(syntheticDataParameters),
  );
  throwIfProblems(problems);
  if (format === 'SQL' && typeof text !== 'string')
    throw invalidConfiguration('A SQL analysis template needs source.text.');
  if (format === 'PYSPARK_1_0' && artifacts === undefined)
    throw invalidConfiguration(
      'A PYSPARK_1_0 analysis template needs source.artifacts (entry point and role).',
    );
  const referencedTables =
    isObject(schema) && Array.isArray(schema.referencedTables)
      ? (schema.referencedTables as string[])
      : undefined;
  return {
    name: name as string,
    ...(description !== undefined ? { description: description as string } : {}),
    format: format as CreateTemplateInput['format'],
    ...(typeof text === 'string' ? { text } : {}),
    ...(artifacts !== undefined ? { artifacts: artifacts as TemplateArtifacts } : {}),
    analysisParameters:
      (analysisParameters as CreateTemplateInput['analysisParameters'] | undefined) ?? [],
    ...(referencedTables ? { referencedTables } : {}),
    ...(errorMessageConfiguration !== undefined
      ? {
          errorMessageConfiguration:
            errorMessageConfiguration as CreateTemplateInput['errorMessageConfiguration'],
        }
      : {}),
    ...(syntheticDataParameters !== undefined
      ? { syntheticDataParameters: syntheticDataParameters as SyntheticDataParameters }
      : {}),
    tags: (tags as Record<string, string> | undefined) ?? {},
  };
}
