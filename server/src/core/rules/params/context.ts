// What every parameter / template-field check reads.
import type { Diagnostic, ParamRef, Schema, Template } from '../../types';
import type { CodeInfo } from '../../codes';
import type { Token } from '../../sql/lexer';

export interface TemplateContext {
  template: Template;
  /** Body tokens, spans in template text offsets. */
  tokens: Token[];
  paramRefs: ParamRef[];
  /** The collaboration's tables, when known: a parameter compared with a column takes its type. */
  schema?: Schema;
}

/** A check, described by the first code it reports; `also`: the other codes it reports. */
export interface TemplateCheck extends CodeInfo {
  also?: readonly CodeInfo[];
  check(ctx: TemplateContext): Diagnostic[];
}

/** The 28 `ParameterType` values of the service model. */
export const PARAMETER_TYPES = [
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'DECIMAL',
  'REAL',
  'DOUBLE_PRECISION',
  'BOOLEAN',
  'CHAR',
  'VARCHAR',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMPTZ',
  'TIME',
  'TIMETZ',
  'VARBYTE',
  'BINARY',
  'BYTE',
  'CHARACTER',
  'DOUBLE',
  'FLOAT',
  'INT',
  'LONG',
  'NUMERIC',
  'SHORT',
  'STRING',
  'TIMESTAMP_LTZ',
  'TIMESTAMP_NTZ',
  'TINYINT',
] as const;

export const MAX_PARAMETERS = 50;
export const MAX_DEFAULT_LENGTH = 1000;
export const PARAM_NAME = /^[0-9a-zA-Z_]{1,100}$/;
