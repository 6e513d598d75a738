// Go to definition, find references and rename: parameters (`:name` ⇄ `-- @param name`), CTEs
// and table aliases. Renaming is for parameters only: CTE and alias names have no AWS contract.
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TableRef } from '../core/sql/model';
import { PARAM_NAME } from '../core/rules/params/context';
import type { Span } from '../core/types';
import type { DocumentAnalysis } from './analysis';
import { contains } from './modelQuery';

/** What the cursor is on, for navigation. */
type Target =
  | { kind: 'param'; name: string }
  | { kind: 'cte'; key: string }
  | { kind: 'table'; ref: TableRef }
  | { kind: 'alias'; ref: TableRef };

/** A `:name` reference's name part (the colon is not part of the name). */
const nameOfRef = (span: Span): Span => ({ start: span.start + 1, end: span.end });

function targetAt(analysis: DocumentAnalysis, offset: number): Target | undefined {
  const { template, paramRefs, model } = analysis.result;
  const ref = paramRefs.find((r) => contains(r.span, offset));
  if (ref) return { kind: 'param', name: ref.name };
  const decl = template.params.find((p) => p.name.value && contains(p.name.span, offset));
  if (decl) return { kind: 'param', name: decl.name.value };
  if (!model) return undefined;
  const cte = model.ctes.find((c) => contains(c.nameSpan, offset));
  if (cte) return { kind: 'cte', key: cte.key };
  const column = model.columns.find((c) => c.qualifier && contains(c.qualifier.span, offset));
  if (column?.resolved) return { kind: 'alias', ref: column.resolved.table };
  const table = model.tables.find((r) => r.nameSpan && contains(r.nameSpan, offset));
  if (table?.target.kind === 'cte') return { kind: 'cte', key: table.target.cte.toLowerCase() };
  if (table) return { kind: 'table', ref: table };
  return undefined;
}

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
      return [here(target.ref.alias?.span ?? target.ref.nameSpan ?? target.ref.span)];
    case 'table': {
      const t = target.ref.target;
      const schema = analysis.schema;
      return t.kind === 'schema' && t.table.span && schema ? [{ uri: schema.uri, range: schema.index.range(t.table.span) }] : [];
    }
    default:
      return [];
  }
}

export function references(analysis: DocumentAnalysis, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(analysis, offset);
  const spans: Span[] = [];
  if (target?.kind === 'param') {
    const decl = analysis.result.template.params.find((p) => p.name.value === target.name);
    if (includeDeclaration && decl) spans.push(decl.name.span);
    spans.push(...analysis.result.paramRefs.filter((r) => r.name === target.name).map((r) => r.span));
  } else if (target?.kind === 'cte' && analysis.result.model) {
    const model = analysis.result.model;
    const cte = model.ctes.find((c) => c.key === target.key);
    if (includeDeclaration && cte) spans.push(cte.nameSpan);
    for (const r of model.tables) {
      if (r.target.kind === 'cte' && r.target.cte.toLowerCase() === target.key && r.nameSpan) spans.push(r.nameSpan);
    }
  }
  return spans.map((span) => ({ uri: analysis.uri, range: analysis.index.range(span) }));
}

/** The parameter name under the cursor, for prepareRename; undefined when it cannot be renamed. */
export function renameRange(analysis: DocumentAnalysis, offset: number): { range: Range; placeholder: string } | undefined {
  const { template, paramRefs } = analysis.result;
  const ref = paramRefs.find((r) => contains(r.span, offset));
  if (ref) return { range: analysis.index.range(nameOfRef(ref.span)), placeholder: ref.name };
  const decl = template.params.find((p) => p.name.value && contains(p.name.span, offset));
  return decl ? { range: analysis.index.range(decl.name.span), placeholder: decl.name.value } : undefined;
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

export function renameParam(analysis: DocumentAnalysis, offset: number, newName: string): RenameResult {
  const target = targetAt(analysis, offset);
  if (target?.kind !== 'param') return { error: 'Only parameters can be renamed: put the cursor on a :name or on its -- @param declaration.' };
  const name = newName.startsWith(':') ? newName.slice(1) : newName;
  if (!PARAM_NAME.test(name)) return { error: `'${newName}' is not a valid parameter name: use 1–100 letters, digits or underscores.` };
  const { template, paramRefs } = analysis.result;
  if (name !== target.name && template.params.some((p) => p.name.value === name)) {
    return { error: `A parameter named '${name}' is already declared; pick another name.` };
  }
  const edits: TextEdit[] = [
    ...template.params.filter((p) => p.name.value === target.name).map((p) => p.name.span),
    ...paramRefs.filter((r) => r.name === target.name).map((r) => nameOfRef(r.span)),
  ].map((span) => ({ range: analysis.index.range(span), newText: name }));
  return { edit: { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }] } };
}
