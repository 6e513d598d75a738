// Go to definition, find references and rename: parameters (`:name` ⇄ `-- @param name`), CTEs,
// table aliases and columns (a schema column → its entry in cleanrooms.schema.json; a CTE's
// output column and an output alias → their `AS`). Every occurrence comes from the model's spans
// (tokens), so comments and strings that happen to hold the same word are never touched. Schema
// tables, schema columns and keywords are not renamed: their names belong to the collaboration
// or to SQL.
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { RESERVED } from '../core/sql/keywordRoles';
import { lex } from '../core/sql/lexer';
import type { ColumnRef, Cte, QueryModel, TableRef } from '../core/sql/model';
import { PARAM_NAME } from '../core/rules/params/context';
import type { Span } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import {
  columnAt,
  columnUses,
  declarationSpan,
  itemOfOutput,
  nameSpan,
  type ColumnOrigin,
} from './columnOrigin';
import { allSelects, contains } from './modelQuery';

/** What the cursor is on, for navigation. */
type Target =
  | { kind: 'param'; name: string }
  | { kind: 'cte'; key: string }
  | { kind: 'table'; ref: TableRef }
  | { kind: 'alias'; ref: TableRef }
  | { kind: 'column'; origin: ColumnOrigin };

/** A `:name` reference's name part (the colon is not part of the name). */
const nameOfRef = (span: Span): Span => ({ start: span.start + 1, end: span.end });

/** What a qualifier (`x.` before a column or `*`) names: the alias, or the CTE / table itself. */
function qualifierTarget(ref: TableRef): Target {
  if (ref.alias) return { kind: 'alias', ref };
  if (ref.target.kind === 'cte') return { kind: 'cte', key: ref.target.cte.toLowerCase() };
  return { kind: 'table', ref };
}

/** `x` of each `x.*` in a select list, with the table reference it names. */
function starQualifiers(model: QueryModel, text: string): { span: Span; ref: TableRef }[] {
  const out: { span: Span; ref: TableRef }[] = [];
  for (const sel of allSelects(model)) {
    for (const item of sel.items) {
      const e = item.expr;
      if (e.kind !== 'star' || !e.qualifier) continue;
      const dot = text.lastIndexOf('.', e.span.end - 1);
      const span = { start: dot - e.qualifier.length, end: dot };
      if (
        span.start < e.span.start ||
        text.slice(span.start, span.end).toLowerCase() !== e.qualifier.toLowerCase()
      )
        continue;
      const q = e.qualifier.toLowerCase();
      const ref = sel.from.find((r) => (r.alias?.value.toLowerCase() ?? r.key) === q);
      if (ref) out.push({ span, ref });
    }
  }
  return out;
}

function targetAt(analysis: DocumentAnalysis, offset: number): Target | undefined {
  const { template, paramRefs, model } = analysis.result;
  const ref = paramRefs.find((r) => contains(r.span, offset));
  if (ref) return { kind: 'param', name: ref.name };
  const decl = template.params.find((p) => p.name.value && contains(p.name.span, offset));
  if (decl) return { kind: 'param', name: decl.name.value };
  if (!model) return undefined;
  const cte = model.ctes.find((c) => contains(c.nameSpan, offset));
  if (cte) return { kind: 'cte', key: cte.key };
  const qualified = model.columns.find((c) => c.qualifier && contains(c.qualifier.span, offset));
  if (qualified?.resolved) return qualifierTarget(qualified.resolved.table);
  const star = starQualifiers(model, analysis.text).find((s) => contains(s.span, offset));
  if (star) return qualifierTarget(star.ref);
  const aliased = model.tables.find((r) => r.alias && contains(r.alias.span, offset));
  if (aliased) return { kind: 'alias', ref: aliased };
  const table = model.tables.find((r) => r.nameSpan && contains(r.nameSpan, offset));
  if (table?.target.kind === 'cte') return { kind: 'cte', key: table.target.cte.toLowerCase() };
  if (table) return { kind: 'table', ref: table };
  const column = columnAt(model, offset);
  return column && { kind: 'column', origin: column.origin };
}

/** Every span naming the target, the declaration first; `:name` references with their colon unless `namesOnly`. */
function occurrences(analysis: DocumentAnalysis, target: Target, namesOnly = false): Span[] {
  const { template, paramRefs, model } = analysis.result;
  if (target.kind === 'param') {
    return [
      ...template.params.filter((p) => p.name.value === target.name).map((p) => p.name.span),
      ...paramRefs
        .filter((r) => r.name === target.name)
        .map((r) => (namesOnly ? nameOfRef(r.span) : r.span)),
    ];
  }
  if (!model) return [];
  if (target.kind === 'column') {
    const decl = declarationSpan(target.origin);
    const uses = columnUses(model, target.origin).map((c) => nameSpan(c, analysis.text));
    return [...(decl && target.origin.kind !== 'schema' ? [decl] : []), ...uses];
  }
  const named = (ref: TableRef) => {
    const t = qualifierTarget(ref);
    return (
      t.kind === target.kind &&
      (t.kind === 'cte'
        ? t.key === (target as { key: string }).key
        : t.ref === (target as { ref: TableRef }).ref)
    );
  };
  const qualifiers = [
    ...model.columns
      .filter((c) => c.qualifier && c.resolved && named(c.resolved.table))
      .map((c) => c.qualifier!.span),
    ...starQualifiers(model, analysis.text)
      .filter((s) => named(s.ref))
      .map((s) => s.span),
  ];
  if (target.kind === 'cte') {
    const cte = model.ctes.find((c) => c.key === target.key);
    const uses = model.tables
      .filter(
        (r) => r.target.kind === 'cte' && r.target.cte.toLowerCase() === target.key && r.nameSpan,
      )
      .map((r) => r.nameSpan!);
    return [...(cte ? [cte.nameSpan] : []), ...sorted([...uses, ...qualifiers])];
  }
  if (target.kind === 'alias') return [target.ref.alias!.span, ...sorted(qualifiers)];
  return [];
}

const sorted = (spans: Span[]) => spans.sort((a, b) => a.start - b.start);

export function definition(analysis: DocumentAnalysis, offset: number): Location[] {
  const target = targetAt(analysis, offset);
  const here = (span: Span): Location => ({ uri: analysis.uri, range: analysis.index.range(span) });
  switch (target?.kind) {
    case 'param': {
      const decl = analysis.result.template.params.find((p) => p.name.value === target.name);
      return decl ? [here(decl.name.span)] : [];
    }
    case 'cte': {
      const cte = analysis.result.model?.ctes.find((c) => c.key === target.key);
      return cte ? [here(cte.nameSpan)] : [];
    }
    case 'alias':
      return [here(target.ref.alias!.span)];
    case 'table': {
      const t = target.ref.target;
      const schema = analysis.schema;
      return t.kind === 'schema' && t.table.span && schema
        ? [{ uri: schema.uri, range: schema.index.range(t.table.span) }]
        : [];
    }
    case 'column': {
      const decl = columnDeclaration(analysis, target.origin);
      return decl ? [decl] : [];
    }
    default:
      return [];
  }
}

/** Where a column is declared: its schema entry, or the `AS` / item that names it in this template. */
function columnDeclaration(analysis: DocumentAnalysis, origin: ColumnOrigin): Location | undefined {
  if (origin.kind === 'schema') {
    const span = origin.table.columns.find((c) => c.name === origin.column)?.span;
    const schema = analysis.schema;
    return span && schema ? { uri: schema.uri, range: schema.index.range(span) } : undefined;
  }
  const span = declarationSpan(origin);
  return span && { uri: analysis.uri, range: analysis.index.range(span) };
}

export function references(
  analysis: DocumentAnalysis,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  const spans = occurrences(analysis, target);
  const here = (span: Span): Location => ({ uri: analysis.uri, range: analysis.index.range(span) });
  if (target.kind === 'column') {
    // Declared in the schema file, here, or nowhere (a column that comes from `*`).
    const decl = columnDeclaration(analysis, target.origin);
    const uses = columnUses(analysis.result.model!, target.origin);
    return [
      ...(includeDeclaration && decl ? [decl] : []),
      ...uses.map((c) => here(nameSpan(c, analysis.text))),
    ];
  }
  // The declaration is the first occurrence; a parameter may be declared more than once.
  const declarations =
    target.kind === 'param'
      ? analysis.result.template.params.filter((p) => p.name.value === target.name).length
      : Math.min(1, spans.length);
  return (includeDeclaration ? spans : spans.slice(declarations)).map(here);
}

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

/** The name under the cursor and its range, or why it cannot be renamed. */
export function renameRange(analysis: DocumentAnalysis, offset: number): PrepareRenameResult {
  const target = targetAt(analysis, offset);
  const word = wordAt(analysis, offset);
  if (target?.kind === 'column' && target.origin.kind === 'schema')
    return {
      error: `'${target.origin.column}' is a column of the collaboration's table '${target.origin.table.name}' (cleanrooms.schema.json); its name cannot be changed here.`,
    };
  if (target?.kind === 'column' && !declarationSpan(target.origin))
    return {
      error: `This column comes from SELECT *; name it in the CTE's select list (… AS name) to rename it.`,
    };
  if (!target || target.kind === 'table') {
    if (
      target?.kind === 'table' ||
      (word &&
        analysis.schema?.schema.tables.some(
          (t) => t.name.toLowerCase() === word.text.toLowerCase(),
        ))
    ) {
      return {
        error: `'${word?.text ?? target?.kind}' is a table of the collaboration (cleanrooms.schema.json); its name cannot be changed here.`,
      };
    }
    if (word?.keyword)
      return { error: `'${word.text}' is an SQL keyword, not a name that can be renamed.` };
    return {
      error:
        'Only parameters, CTEs, table aliases and column aliases can be renamed: put the cursor on one of their names.',
    };
  }
  // Found on the whole `:name` (the cursor may be on the colon), renamed without the colon.
  const span = occurrences(analysis, target, true)[
    occurrences(analysis, target).findIndex((s) => contains(s, offset))
  ];
  if (!span)
    return {
      error:
        'Only parameters, CTEs, table aliases and column aliases can be renamed: put the cursor on one of their names.',
    };
  return {
    range: analysis.index.range(span),
    placeholder: analysis.text.slice(span.start, span.end),
  };
}

/** The word token under the cursor in the body. */
function wordAt(
  analysis: DocumentAnalysis,
  offset: number,
): { text: string; keyword: boolean } | undefined {
  const { bodyStart } = analysis.result.template;
  if (offset < bodyStart) return undefined;
  const t = lex(analysis.text.slice(bodyStart), bodyStart).find((t) => contains(t.span, offset));
  return t?.kind === 'word' ? { text: t.text, keyword: RESERVED.has(t.upper) } : undefined;
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function rename(analysis: DocumentAnalysis, offset: number, newName: string): RenameResult {
  const prepared = renameRange(analysis, offset);
  if ('error' in prepared) return prepared;
  const target = targetAt(analysis, offset);
  if (!target || target.kind === 'table')
    return { error: 'Tables of the collaboration cannot be renamed.' };
  const name = target.kind === 'param' && newName.startsWith(':') ? newName.slice(1) : newName;
  const problem =
    target.kind === 'param'
      ? paramNameProblem(analysis, target.name, name, newName)
      : sqlNameProblem(analysis, target, name);
  if (problem) return { error: problem };
  const edits: TextEdit[] =
    target.kind === 'column'
      ? columnRenameEdits(analysis, target.origin, name)
      : occurrences(analysis, target, true).map((span) => ({
          range: analysis.index.range(span),
          newText: name,
        }));
  return {
    edit: {
      documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }],
    },
  };
}

function paramNameProblem(
  analysis: DocumentAnalysis,
  old: string,
  name: string,
  asTyped: string,
): string | undefined {
  if (!PARAM_NAME.test(name))
    return `'${asTyped}' is not a valid parameter name: use 1–100 letters, digits or underscores.`;
  if (name !== old && analysis.result.template.params.some((p) => p.name.value === name))
    return `A parameter named '${name}' is already declared; pick another name.`;
  return undefined;
}

/**
 * A CTE output column passes on under its own name when a later CTE selects it bare (`SELECT
 * p.spend`) or through `*`: renaming it renames that CTE's output too, and so on down the chain.
 */
function passedOn(model: QueryModel, origin: ColumnOrigin): ColumnOrigin[] {
  if (origin.kind !== 'cte') return [origin];
  // Which CTE a bare select item passes a reference on to; which CTEs pass all of another on (`*`).
  const bareIn = new Map<ColumnRef, Cte>();
  const starOf = new Map<string, Cte[]>();
  for (const cte of model.ctes) {
    const first = cte.query.selects[0];
    if (!first || cte.columnList?.length) continue;
    for (const i of first.items) {
      const e = i.expr;
      if (e.kind === 'column' && !i.alias) bareIn.set(e.ref, cte);
      if (e.kind !== 'star') continue;
      for (const r of first.from) {
        const named =
          !e.qualifier || e.qualifier.toLowerCase() === (r.alias?.value ?? r.name)?.toLowerCase();
        if (r.target.kind !== 'cte' || !named) continue;
        const key = r.target.cte.toLowerCase();
        starOf.set(key, [...(starOf.get(key) ?? []), cte]);
      }
    }
  }
  const out: ColumnOrigin[] = [origin];
  const seen = new Set([origin.cte.key]);
  for (let k = 0; k < out.length; k++) {
    const o = out[k] as Extract<ColumnOrigin, { kind: 'cte' }>;
    const next = [
      ...columnUses(model, o).flatMap((c) => bareIn.get(c) ?? []),
      ...(starOf.get(o.cte.key) ?? []),
    ];
    for (const cte of next)
      if (!seen.has(cte.key)) {
        seen.add(cte.key);
        out.push({ kind: 'cte', cte, key: o.key });
      }
  }
  return out;
}

/** The edits of a column rename: its `AS` (added when the column was passed through bare) and every use. */
function columnRenameEdits(
  analysis: DocumentAnalysis,
  origin: ColumnOrigin,
  name: string,
): TextEdit[] {
  const model = analysis.result.model!;
  const edit = (span: Span, newText = name): TextEdit => ({
    range: analysis.index.range(span),
    newText,
  });
  const item =
    origin.kind === 'cte'
      ? itemOfOutput(origin.cte, origin.key)
      : origin.kind === 'output'
        ? origin.item
        : undefined;
  const listed =
    origin.kind === 'cte' &&
    origin.cte.columnList?.find((c) => c.value.toLowerCase() === origin.key);
  const declaration = listed
    ? [edit(listed.span)]
    : item?.alias
      ? [edit(item.alias.span)]
      : item
        ? [edit({ start: item.expr.span.end, end: item.expr.span.end }, ` AS ${name}`)]
        : [];
  const uses = passedOn(model, origin).flatMap((o) =>
    columnUses(model, o).map((c) => edit(nameSpan(c, analysis.text))),
  );
  return [...declaration, ...uses];
}

function sqlNameProblem(
  analysis: DocumentAnalysis,
  target: Exclude<Target, { kind: 'param' | 'table' }>,
  name: string,
): string | undefined {
  if (!SQL_NAME.test(name))
    return `'${name}' is not a valid name: use letters, digits and underscores, starting with a letter or underscore.`;
  if (RESERVED.has(name.toUpperCase())) return `'${name}' is an SQL keyword; pick another name.`;
  const key = name.toLowerCase();
  const model = analysis.result.model!;
  if (target.kind === 'column') {
    const o = target.origin;
    const taken =
      o.kind === 'cte'
        ? o.cte.query.outputs.some((c) => c.key === key && c.key !== o.key)
        : o.kind === 'output' &&
          o.query.selects.some((s) =>
            s.items.some((i) => i !== o.item && i.outputName?.toLowerCase() === key),
          );
    return taken ? `The query already has a column named '${name}'; pick another name.` : undefined;
  }
  if (target.kind === 'cte') {
    if (key !== target.key && model.ctes.some((c) => c.key === key))
      return `A CTE named '${name}' already exists; pick another name.`;
    if (analysis.schema?.schema.tables.some((t) => t.name.toLowerCase() === key))
      return `'${name}' is a table of the collaboration; a CTE with that name would hide it.`;
    return undefined;
  }
  const select = allSelects(model).find((s) => s.from.includes(target.ref));
  const clash = select?.from.find(
    (r) => r !== target.ref && (r.alias?.value ?? r.name)?.toLowerCase() === key,
  );
  return clash
    ? `'${name}' already names another table in this FROM clause; pick another name.`
    : undefined;
}
