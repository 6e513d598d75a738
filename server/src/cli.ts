// `cleanrooms-templates check [--schema FILE] [--format text|json|sarif|github] [--max-warnings N] PATH...`
// The contract other tools rely on (docs/file-formats.md#check-cli): exit 0 = no error
// diagnostics, 1 = some (or more warnings than --max-warnings), 2 = bad usage, a path that could
// not be checked or nothing to check. JSON positions are 0-based UTF-16, as in LSP; the CI formats
// (server/src/report/) print 1-based ones. Files come from repositories nobody vetted: a path that
// cannot be read is reported and the others are still checked, and no control character from a
// file reaches the terminal raw.
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { analyze } from './core/analyze';
import { isInside, schemaCandidates } from '../../common/schemaFile';
import { lineIndex, type Range } from './core/text';
import type { AnalyzeOptions, Diagnostic, Schema, Verdict } from './core/types';
import { loadedFrom, MAX_SCHEMA_BYTES } from './session/schemas';
import { firstExisting, readRegularFile } from './safeRead';
import { escapeControls, escapeJsonControls } from './terminalText';
import { toGithubAnnotations } from './report/github';
import { toSarif } from './report/sarif';

const USAGE =
  'usage: cleanrooms-templates check [--schema FILE] [--format text|json|sarif|github] [--max-warnings N] [--subqueries current-docs|strict] [--overflow-warnings] PATH...';
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const TEMPLATE_SUFFIX = '.cleanrooms.sql';
/** Far above the service's 500,000-character body: larger files are reported, not read. */
const MAX_TEMPLATE_BYTES = 16 * 1024 * 1024;

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

/** A path that could not be checked, and why. */
interface FileError {
  path: string;
  message: string;
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
  if (command !== 'check')
    throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
  const args: Args = {
    format: 'text',
    options: { subqueries: 'current-docs', overflowWarnings: false },
    paths: [],
  };
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
      if (!/^\d+$/.test(n))
        throw new UsageError(`--max-warnings must be a whole number, not '${n}'`);
      args.maxWarnings = Number(n);
    } else if (a === '--subqueries') {
      const s = value();
      if (s !== 'current-docs' && s !== 'strict')
        throw new UsageError(`--subqueries must be current-docs or strict, not '${s}'`);
      args.options = { ...args.options, subqueries: s };
    } else if (a === '--overflow-warnings')
      args.options = { ...args.options, overflowWarnings: true };
    else if (a === '--help' || a === '-h') throw new HelpRequested();
    else if (a.startsWith('--')) throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (!args.paths.length) throw new UsageError('no PATH given');
  return args;
}

const reasonOf = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The templates under `path` (or `path` itself); folders that cannot be listed go to `errors`. */
async function templateFiles(path: string, errors: FileError[]): Promise<string[]> {
  let st;
  try {
    st = await fs.stat(path);
  } catch (e) {
    errors.push({
      path,
      message:
        reasonOf(e) === 'ENOENT' ? 'no such file or directory' : `cannot read it (${reasonOf(e)})`,
    });
    return [];
  }
  if (!st.isDirectory()) return [path];
  const found: string[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, message: `cannot list this folder (${reasonOf(e)})` });
      return;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p);
      // Anything else with the suffix (a FIFO, a link) is read below, which reports what it is.
      else if (entry.name.endsWith(TEMPLATE_SUFFIX)) found.push(p);
    }
  };
  await walk(path);
  return found.sort();
}

/**
 * The folder above which no schema is searched for: the git work tree holding `dir`, else the
 * current directory when `dir` is inside it, else `dir` itself.
 */
async function trustedRoot(dir: string): Promise<string> {
  const cwd = process.cwd();
  const git = await firstExisting(ancestors(dir).map((d) => join(d, '.git')));
  if (git) return dirname(git);
  return isInside(dir, cwd) ? cwd : dir;
}

function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir, parent = dirname(d); parent !== d; d = parent, parent = dirname(d))
    out.push(parent);
  return out;
}

function toJson(
  d: Diagnostic,
  index: ReturnType<typeof lineIndex>,
  templatePath: string,
  schemaFile?: { path: string; index: ReturnType<typeof lineIndex> },
): JsonDiagnostic {
  const out: JsonDiagnostic = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    range: index.range(d.span),
  };
  if (d.rules?.length) out.rules = d.rules;
  const related = (d.related ?? []).flatMap((r) => {
    if (r.target === 'template')
      return [{ path: templatePath, range: index.range(r.span), message: r.message }];
    return schemaFile
      ? [{ path: schemaFile.path, range: schemaFile.index.range(r.span), message: r.message }]
      : [];
  });
  if (related.length) out.relatedInformation = related;
  return out;
}

export async function run(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
    if (args.schema && !existsSync(args.schema))
      throw new UsageError(`cannot read schema '${args.schema}': no such file`);
  } catch (e) {
    if (e instanceof HelpRequested) {
      out(USAGE);
      return 0;
    }
    if (!(e instanceof UsageError)) throw e;
    err(escapeControls(`cleanrooms-templates: ${e.message}`));
    err(USAGE);
    return 2;
  }
  const errors: FileError[] = [];
  const files: string[] = [];
  for (const path of args.paths)
    for (const file of await templateFiles(path, errors)) files.push(file);

  type LoadedFile =
    { schema: Schema; index: ReturnType<typeof lineIndex>; report: SchemaReport } | undefined;
  const schemas = new Map<string, LoadedFile>();
  const loadSchema = async (path: string, root: string | undefined): Promise<LoadedFile> => {
    if (!schemas.has(path)) {
      // A FIFO, a device, a link out of the root or a file over the cap gets SCF001, as in the editor.
      const loaded = loadedFrom(
        path,
        await readRegularFile(path, { maxBytes: MAX_SCHEMA_BYTES, root }),
      );
      schemas.set(
        path,
        loaded && {
          schema: loaded.schema,
          index: loaded.index,
          report: {
            path,
            diagnostics: loaded.diagnostics.map((d) => toJson(d, loaded.index, path)),
          },
        },
      );
    }
    return schemas.get(path);
  };

  const reports: FileReport[] = [];
  for (const file of files) {
    const read = await readRegularFile(file, { maxBytes: MAX_TEMPLATE_BYTES });
    if (read.kind !== 'text') {
      const message =
        read.kind === 'missing'
          ? 'no such file'
          : read.kind === 'tooLarge'
            ? `larger than ${MAX_TEMPLATE_BYTES / (1024 * 1024)} MB, not read`
            : `${read.reason}, not read`;
      errors.push({ path: file, message });
      continue;
    }
    const text = read.text;
    const dir = dirname(resolve(file));
    // --schema is the user's own choice; a found one must not come from above the trusted root.
    const root = args.schema ? undefined : await trustedRoot(dir);
    const schemaPath = args.schema ?? (await firstExisting(schemaCandidates(dir, root)));
    const schemaFile = schemaPath ? await loadSchema(schemaPath, root) : undefined;
    // No editor to keep responsive: the whole query is syntax-checked (no SQL002 skip).
    const result = analyze(text, schemaFile?.schema, { ...args.options, fullSyntax: true });
    const index = lineIndex(text);
    reports.push({
      path: file,
      verdict: result.verdict,
      diagnostics: result.diagnostics.map((d) =>
        toJson(d, index, file, schemaFile && { path: schemaPath!, index: schemaFile.index }),
      ),
    });
  }
  if (!files.length && !errors.length) {
    // A wrong folder in a CI script must not pass as "no errors".
    err(
      escapeControls(
        `cleanrooms-templates: no *${TEMPLATE_SUFFIX} files under ${args.paths.join(', ')}`,
      ),
    );
    return 2;
  }

  const schemaReports = [...schemas.values()].flatMap((s) =>
    s?.report.diagnostics.length ? [s.report] : [],
  );
  const all = [
    ...reports.flatMap((r) => r.diagnostics),
    ...schemaReports.flatMap((r) => r.diagnostics),
  ];
  const count = (s: string) => all.filter((d) => d.severity === s).length;
  for (const e of errors)
    err(escapeControls(`cleanrooms-templates: cannot check '${e.path}': ${e.message}`));
  if (args.format === 'json') {
    const doc = {
      files: reports,
      ...(schemaReports.length ? { schemas: schemaReports } : {}),
      ...(errors.length ? { errors } : {}),
    };
    out(escapeJsonControls(JSON.stringify(doc)));
  } else if (args.format === 'sarif') {
    out(escapeJsonControls(JSON.stringify(toSarif([...schemaReports, ...reports], process.cwd()))));
  } else if (args.format === 'github') {
    for (const line of toGithubAnnotations([...schemaReports, ...reports], process.cwd()))
      out(escapeControls(line));
  } else {
    for (const r of [...schemaReports, ...reports]) {
      for (const d of r.diagnostics) {
        out(
          escapeControls(
            `${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
          ),
        );
      }
    }
    const verdicts = reports.map(
      (r) => `${relative(process.cwd(), r.path) || r.path}: ${r.verdict}`,
    );
    const unchecked = errors.length ? `, ${errors.length} path(s) not checked` : '';
    err(
      [
        ...verdicts,
        `${reports.length} template(s), ${count('error')} error(s), ${count('warning')} warning(s)${unchecked}`,
      ]
        .map(escapeControls)
        .join('\n'),
    );
  }
  if (errors.length) return 2;
  const tooManyWarnings = args.maxWarnings !== undefined && count('warning') > args.maxWarnings;
  if (tooManyWarnings)
    err(
      `cleanrooms-templates: ${count('warning')} warning(s), more than --max-warnings ${args.maxWarnings}`,
    );
  return count('error') || tooManyWarnings ? 1 : 0;
}

/** The process entry point: dist/cli.js calls it (the code itself is bundled in dist/server.js). */
export function main(argv: string[]): void {
  const err = (s: string) => process.stderr.write(s + '\n');
  const fail = (e: unknown) => {
    // An internal failure must not read as exit 1 ("errors found"): one line, exit 2.
    err(
      escapeControls(
        `cleanrooms-templates: internal error: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
    process.exitCode = 2;
  };
  run(argv, (s) => process.stdout.write(s + '\n'), err).then(
    (code) => (process.exitCode = code),
    fail,
  );
}
