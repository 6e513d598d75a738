// Completion items for a context (see completionContext.ts) from the template, its query model
// and the schema. DP facts go in `detail` so they show without opening the documentation.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver';
import { PARAMETER_TYPES } from '../core/rules/params/context';
import { KNOWN_DIRECTIVES } from '../core/template/parse';
import type { SchemaTable } from '../core/types';
import type { DocumentAnalysis } from './analysis';
import { completionContext, type CompletionContext } from './completionContext';
import { allFunctions, allowanceAt, dpStatement, type FunctionInfo } from './functionCatalog';
import { columnOptions, isDpQuery, placeOf, refForQualifier, selectAt, type ColumnOption } from './modelQuery';

export interface CompletionOptions {
  snippets: boolean;
  /** The client asked because a space was typed: answer only where a space starts a slot. */
  triggeredBySpace: boolean;
}

const DIRECTIVE_SNIPPETS: Record<(typeof KNOWN_DIRECTIVES)[number], { snippet: string; plain: string; doc: string }> = {
  name: { snippet: 'name ${1:Template name}', plain: 'name ', doc: 'The analysis template name (letters, digits, `_`, spaces, single hyphens; at most 128).' },
  description: { snippet: 'description ${1:What this analysis computes}', plain: 'description ', doc: 'Template description (at most 255 characters).' },
  param: {
    snippet: `param \${1:name} \${2|${PARAMETER_TYPES.join(',')}|}`,
    plain: 'param ',
    doc: "Declares a parameter: `-- @param name TYPE = 'default'`. Use it in the SQL as `:name`.",
  },
  membership: { snippet: 'membership ${1:membership-id}', plain: 'membership ', doc: 'The Clean Rooms membership (UUID) the template belongs to.' },
  arn: { snippet: 'arn ${1:template-arn}', plain: 'arn ', doc: 'The ARN of the template in AWS, written when it is created or fetched.' },
};

export function completionItems(analysis: DocumentAnalysis, offset: number, options: CompletionOptions): CompletionList {
  const { result } = analysis;
  const ctx = completionContext(analysis.text, offset, result.template.bodyStart);
  if (options.triggeredBySpace && ctx.kind !== 'paramType') return { isIncomplete: false, items: [] };
  if (ctx.kind === 'none') return { isIncomplete: false, items: [] };
  return { isIncomplete: false, items: itemsFor(ctx, analysis, offset, analysis.index.range(ctx.replace), options) };
}

function itemsFor(ctx: Exclude<CompletionContext, { kind: 'none' }>, analysis: DocumentAnalysis, offset: number, range: Range, options: CompletionOptions): CompletionItem[] {
  const { template } = analysis.result;
  const model = analysis.model;
  const schema = analysis.schema?.schema;
  switch (ctx.kind) {
    case 'directive':
      return KNOWN_DIRECTIVES.map((name) => {
        const d = DIRECTIVE_SNIPPETS[name];
        return {
          label: `@${name}`,
          filterText: name,
          kind: CompletionItemKind.Keyword,
          documentation: { kind: MarkupKind.Markdown, value: d.doc },
          textEdit: { range, newText: options.snippets ? d.snippet : d.plain },
          ...(options.snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
        };
      });
    case 'paramType':
      return PARAMETER_TYPES.map((type, i) => ({
        label: type,
        kind: CompletionItemKind.TypeParameter,
        detail: 'Parameter type',
        sortText: String(i).padStart(2, '0'),
        textEdit: { range, newText: type },
      }));
    case 'param':
      return template.params
        .filter((p) => p.name.value)
        .map((p) => ({
          label: p.name.value,
          kind: CompletionItemKind.Constant,
          detail: `${p.type?.value ?? '(no type)'}${p.defaultValue ? ` = '${p.defaultValue.value}'` : ''}`,
          textEdit: { range, newText: p.name.value },
        }));
    case 'member': {
      const ref = model ? refForQualifier(model, offset, ctx.qualifier) : undefined;
      if (ref) return columnOptions(ref).map((c) => columnItem(c, range));
      const table = schema?.tables.find((t) => t.name.toLowerCase() === ctx.qualifier.toLowerCase());
      return table ? schemaColumns(table).map((c) => columnItem(c, range)) : [];
    }
    case 'table':
      return [
        ...(schema?.tables ?? []).map((t) => tableItem(t, range)),
        ...(model?.ctes ?? []).map((c) => ({
          label: c.name,
          kind: CompletionItemKind.Interface,
          detail: c.involvesDp ? 'CTE · reads DP data' : 'CTE',
          textEdit: { range, newText: c.name },
        })),
      ];
    case 'expression': {
      const select = model ? selectAt(model, offset) : undefined;
      const refs = select?.from ?? [];
      const columns = refs.flatMap((r) => columnOptions(r).map((c) => columnItem(c, range)));
      const aliases = refs
        .map((r) => r.alias?.value ?? r.name)
        .filter((name): name is string => !!name)
        .map((name) => ({ label: name, kind: CompletionItemKind.Variable, detail: 'Table in scope', sortText: `1${name}`, textEdit: { range, newText: name } }));
      const place = placeOf(select?.scope);
      const dp = model ? isDpQuery(model) : false;
      const functions = allFunctions().map((f) => functionItem(f, range, place, dp, options.snippets));
      return [...columns, ...aliases, ...functions];
    }
  }
}

function schemaColumns(table: SchemaTable): ColumnOption[] {
  const uid = table.userIdColumn?.toLowerCase();
  return table.columns.map((c) => ({ name: c.name, via: table.name, type: c.type, userIdOf: c.name.toLowerCase() === uid ? [table.name] : [] }));
}

function columnItem(c: ColumnOption, range: Range): CompletionItem {
  const userId = c.userIdOf.length > 0;
  return {
    label: c.name,
    labelDetails: { description: c.via },
    kind: CompletionItemKind.Field,
    detail: `${c.via}.${c.name}${c.type ? `: ${c.type}` : ''}${userId ? ' · DP user identifier' : ''}`,
    ...(userId
      ? { documentation: { kind: MarkupKind.Markdown, value: `User identifier column of differential-privacy table ${c.userIdOf.map((t) => `\`${t}\``).join(', ')}. CTEs over DP data must select it and group by it.` } }
      : {}),
    sortText: `0${c.name}`,
    textEdit: { range, newText: c.name },
  };
}

function tableItem(t: SchemaTable, range: Range): CompletionItem {
  const columns = t.columns.map((c) => `- \`${c.name}\`${c.type ? ` ${c.type}` : ''}${c.name.toLowerCase() === t.userIdColumn?.toLowerCase() ? ' (user identifier)' : ''}`);
  return {
    label: t.name,
    kind: CompletionItemKind.Class,
    detail: t.userIdColumn ? `DP table · user identifier: ${t.userIdColumn}` : `${t.analysisRuleType} analysis rule`,
    documentation: { kind: MarkupKind.Markdown, value: [`**${t.name}**${t.userIdColumn ? ' (differential privacy)' : ''}`, '', ...columns].join('\n') },
    textEdit: { range, newText: t.name },
  };
}

function functionItem(f: FunctionInfo, range: Range, place: ReturnType<typeof placeOf>, dp: boolean, snippets: boolean): CompletionItem {
  const allowedHere = place ? allowanceAt(f, place) !== 'no' : allowanceAt(f, 'final') !== 'no' || allowanceAt(f, 'cte') !== 'no';
  const args = f.args ?? '(${1})';
  return {
    label: f.name,
    kind: CompletionItemKind.Function,
    detail: dpStatement(f, place),
    sortText: `${dp && !allowedHere ? 3 : 2}${f.name}`,
    // Struck through only where DP applies and forbids it here.
    ...(dp && !allowedHere ? { tags: [CompletionItemTag.Deprecated] } : {}),
    textEdit: { range, newText: snippets ? `${f.name}${args}` : f.name },
    ...(snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
  };
}
