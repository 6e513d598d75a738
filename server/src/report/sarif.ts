// `check --format sarif`: a SARIF 2.1.0 log for code-scanning UIs. Every known rule is described
// up front (tool.driver.rules, from core/codes.ts), each result points at it by id and index.
// Regions are 1-based, columns counted in UTF-16 code units (run.columnKind), like the editor's.
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES } from '../core/codes';
import type { Range } from '../core/text';
import type { Severity } from '../core/types';
import { diagnosticHelpUri, TOOL_HOME, TOOL_VERSION } from './docsLinks';
import { relativePath, type ReportFile } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};
const SRCROOT = '%SRCROOT%';

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function location(cwd: string, path: string, range: Range, message?: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: relativePath(cwd, path), uriBaseId: SRCROOT },
      region: region(range),
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

export function toSarif(files: ReportFile[], cwd: string): object {
  const ruleIndex = new Map(DIAGNOSTIC_CODES.map((c, i) => [c.code, i]));
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const index = ruleIndex.get(d.code);
      return {
        ruleId: d.code,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [location(cwd, f.path, d.range)],
        ...(d.relatedInformation?.length
          ? {
              relatedLocations: d.relatedInformation.map((r, id) => ({
                id,
                ...location(cwd, r.path, r.range, r.message),
              })),
            }
          : {}),
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cleanrooms-templates',
            version: TOOL_VERSION,
            informationUri: TOOL_HOME,
            rules: DIAGNOSTIC_CODES.map((c) => ({
              id: c.code,
              name: c.name,
              shortDescription: { text: c.summary },
              helpUri: diagnosticHelpUri(c.code),
            })),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: pathToFileURL(cwd.endsWith(sep) ? cwd : cwd + sep).href },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
