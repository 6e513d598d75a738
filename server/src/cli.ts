// `cleanrooms-templates check [--schema FILE] [--format text|json|sarif|github] [--max-warnings N] PATH...`
// The contract other tools rely on (docs/file-formats.md#check-cli): exit 0 = no error
// diagnostics, 1 = some (or more warnings than --max-warnings), 2 = bad usage, an unreadable
// path or nothing to check. JSON positions are 0-based UTF-16, as in LSP; the CI formats
// (server/src/report/) print 1-based ones.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { analyze } from './core/analyze';
import { findSchemaFile } from './core/schema/find';
import { parseSchema } from './core/schema/parse';
import { lineIndex, type Range } from './core/text';
import type { AnalyzeOptions, Diagnostic, Schema, Verdict } from './core/types';
import { toGithubAnnotations } from './report/github';
import { toSarif } from './report/sarif';

const USAGE = 'usage: cleanrooms-templates check [--schema FILE] [--format text|json|sarif|github] [--max-warnings N] [--subqueries current-docs|strict] [--overflow-warnings] PATH...';
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const TEMPLATE_SUFFIX = '.cleanrooms.sql';

class UsageError extends Error {}
class HelpRequested extends Error {}

interface JsonDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  range: Range;
  rules?: number[];
  relatedInformation?: { path: string; range: Range; message: string }[];
}

interface FileReport {
  path: string;
  verdict: Verdict;
  diagnostics: JsonDiagnostic[];
}

interface SchemaReport {
  path: string;
  diagnostics: JsonDiagnostic[];
}

interface Args {
  schema?: string;
  format: (typeof FORMATS)[number];
  /** Fail (exit 1) when there are more warnings than this, as ESLint's option of the same name. */
  maxWarnings?: number;
  options: AnalyzeOptions;
  paths: string[];
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') throw new HelpRequested();
  if (command !== 'check') throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const args: Args = { format: 'text', options: { subqueries: 'current-docs', overflowWarnings: false }, paths: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--schema') args.schema = value();
    else if (a === '--format') {
      const f = value();
      const format = FORMATS.find((x) => x === f);
      if (!format) throw new UsageError(`--format must be ${FORMATS.join(', ')}, not '${f}'`);
      args.format = format;
    } else if (a === '--max-warnings') {
      const n = value();
      if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings must be a whole number, not '${n}'`);
      args.maxWarnings = Number(n);
    } else if (a === '--subqueries') {
      const s = value();
      if (s !== 'current-docs' && s !== 'strict') throw new UsageError(`--subqueries must be current-docs or strict, not '${s}'`);
      args.options = { ...args.options, subqueries: s };
    } else if (a === '--overflow-warnings') args.options = { ...args.options, overflowWarnings: true };
    else if (a === '--help' || a === '-h') throw new HelpRequested();
    else if (a.startsWith('--')) throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (!args.paths.length) throw new UsageError('no PATH given');
  return args;
}

function templateFiles(path: string): string[] {
  if (!existsSync(path)) throw new UsageError(`cannot read '${path}': no such file or directory`);
  const st = statSync(path);
  if (st.isFile()) return [path];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(TEMPLATE_SUFFIX)) found.push(p);
    }
  };
  walk(path);
  return found.sort();
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function toJson(d: Diagnostic, index: ReturnType<typeof lineIndex>, templatePath: string, schemaFile?: { path: string; index: ReturnType<typeof lineIndex> }): JsonDiagnostic {
  const out: JsonDiagnostic = { code: d.code, severity: d.severity, message: d.message, range: index.range(d.span) };
  if (d.rules?.length) out.rules = d.rules;
  const related = (d.related ?? []).flatMap((r) => {
    if (r.target === 'template') return [{ path: templatePath, range: index.range(r.span), message: r.message }];
    return schemaFile ? [{ path: schemaFile.path, range: schemaFile.index.range(r.span), message: r.message }] : [];
  });
  if (related.length) out.relatedInformation = related;
  return out;
}

export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args: Args;
  let files: string[];
  try {
    args = parseArgs(argv);
    files = args.paths.flatMap(templateFiles);
    if (args.schema && !existsSync(args.schema)) throw new UsageError(`cannot read schema '${args.schema}': no such file`);
  } catch (e) {
    if (e instanceof HelpRequested) {
      out(USAGE);
      return 0;
    }
    if (!(e instanceof UsageError)) throw e;
    err(`cleanrooms-templates: ${e.message}`);
    err(USAGE);
    return 2;
  }
  if (!files.length) {
    // A wrong folder in a CI script must not pass as "no errors".
    err(`cleanrooms-templates: no *${TEMPLATE_SUFFIX} files under ${args.paths.join(', ')}`);
    return 2;
  }

  const schemas = new Map<string, { schema: Schema; index: ReturnType<typeof lineIndex>; report: SchemaReport }>();
  const loadSchema = (path: string) => {
    let s = schemas.get(path);
    if (!s) {
      const text = readText(path);
      const { schema, diagnostics } = parseSchema(text);
      const index = lineIndex(text);
      s = { schema, index, report: { path, diagnostics: diagnostics.map((d) => toJson(d, index, path)) } };
      schemas.set(path, s);
    }
    return s;
  };

  const reports: FileReport[] = [];
  try {
    for (const file of files) {
      const text = readText(file);
      const schemaPath = args.schema ?? findSchemaFile(dirname(resolve(file)), existsSync);
      const schemaFile = schemaPath ? loadSchema(schemaPath) : undefined;
      const result = analyze(text, schemaFile?.schema, args.options);
      const index = lineIndex(text);
      reports.push({
        path: file,
        verdict: result.verdict,
        diagnostics: result.diagnostics.map((d) => toJson(d, index, file, schemaFile && { path: schemaPath!, index: schemaFile.index })),
      });
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`cleanrooms-templates: ${e.message}`);
    return 2;
  }

  const schemaReports = [...schemas.values()].map((s) => s.report).filter((r) => r.diagnostics.length);
  const all = [...reports.flatMap((r) => r.diagnostics), ...schemaReports.flatMap((r) => r.diagnostics)];
  const count = (s: string) => all.filter((d) => d.severity === s).length;
  if (args.format === 'json') {
    out(JSON.stringify({ files: reports, ...(schemaReports.length ? { schemas: schemaReports } : {}) }));
  } else if (args.format === 'sarif') {
    out(JSON.stringify(toSarif([...schemaReports, ...reports], process.cwd())));
  } else if (args.format === 'github') {
    for (const line of toGithubAnnotations([...schemaReports, ...reports], process.cwd())) out(line);
  } else {
    for (const r of [...schemaReports, ...reports]) {
      for (const d of r.diagnostics) {
        out(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
      }
    }
    const verdicts = reports.map((r) => `${relative(process.cwd(), r.path) || r.path}: ${r.verdict}`);
    err([...verdicts, `${reports.length} template(s), ${count('error')} error(s), ${count('warning')} warning(s)`].join('\n'));
  }
  const tooManyWarnings = args.maxWarnings !== undefined && count('warning') > args.maxWarnings;
  if (tooManyWarnings) err(`cleanrooms-templates: ${count('warning')} warning(s), more than --max-warnings ${args.maxWarnings}`);
  return count('error') || tooManyWarnings ? 1 : 0;
}

/** The process entry point: dist/cli.js calls it (the code itself is bundled in dist/server.js). */
export function main(argv: string[]): void {
  const err = (s: string) => process.stderr.write(s + '\n');
  try {
    process.exitCode = run(argv, (s) => process.stdout.write(s + '\n'), err);
  } catch (e) {
    // An internal failure must not read as exit 1 ("errors found"): one line, exit 2.
    err(`cleanrooms-templates: internal error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
