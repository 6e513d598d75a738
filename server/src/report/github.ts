// `check --format github`: one GitHub Actions workflow command per diagnostic, which the runner
// turns into an annotation on the file and lines. Escaping follows the runner's rules: `%`, CR and
// LF in the message; additionally `:` and `,` in property values.
import { DIAGNOSTIC_CODES } from '../core/codes';
import type { Severity } from '../core/types';
import { relativePath, type ReportFile } from './report';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function toGithubAnnotations(files: ReportFile[], cwd: string): string[] {
  const names = new Map(DIAGNOSTIC_CODES.map((c) => [c.code, c.name]));
  return files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const name = names.get(d.code);
      const props = [
        ['file', relativePath(cwd, f.path)],
        ['line', String(d.range.start.line + 1)],
        ['col', String(d.range.start.character + 1)],
        ['endLine', String(d.range.end.line + 1)],
        ['endColumn', String(d.range.end.character + 1)],
        ['title', name ? `${d.code} ${name}` : d.code],
      ];
      return `::${COMMAND[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(d.message)}`;
    }),
  );
}
