// What the CI formats read from a `check` run: per file, its diagnostics with 0-based UTF-16
// ranges (the shape `check --format json` prints), and where paths are made relative to.
import { relative, resolve, sep } from 'node:path';
import type { Range } from '../core/text';
import type { Severity } from '../core/types';

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  relatedInformation?: { path: string; range: Range; message: string }[];
}

export interface ReportFile {
  path: string;
  diagnostics: ReportDiagnostic[];
}

/** `path` relative to `cwd` with `/` separators, as SARIF artifact URIs and GitHub annotations want. */
export function relativePath(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path)) || path;
  return rel.split(sep).join('/');
}
