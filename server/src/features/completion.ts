// Completion items for a context (see completionContext.ts): header directives, parameter types
// and `:params` here; SQL positions (tables, columns, functions, snippets) in completionSql.ts.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver';
import { PARAMETER_TYPES } from '../core/rules/params/context';
import { codeTokens, lex } from '../core/sql/lexer';
import { KNOWN_DIRECTIVES } from '../core/template/parse';
import type { Span } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import { completionContext } from './completionContext';
import { columnItem, schemaColumns, sqlItems } from './completionSql';
import { refForQualifier, columnOptions } from './modelQuery';

export interface CompletionOptions {
  snippets: boolean;
  /** The client asked because a space was typed: answer only where a space starts a slot. */
  triggeredBySpace: boolean;
}

/** Each directive's value placeholder and documentation. */
const DIRECTIVE_VALUES: Record<
  (typeof KNOWN_DIRECTIVES)[number],
  { placeholder: string; doc: string }
> = {
  name: {
    placeholder: 'Template name',
    doc: 'The analysis template name (letters, digits, `_`, spaces, single hyphens; at most 128).',
  },
  description: {
    placeholder: 'What this analysis computes',
    doc: 'Template description (at most 255 characters).',
  },
  param: {
    placeholder: `\${1:name} \${2|${PARAMETER_TYPES.join(',')}|}`,
    doc: "Declares a parameter: `-- @param name TYPE = 'default'`. Use it in the SQL as `:name`.",
  },
  membership: {
    placeholder: 'membership-id',
    doc: 'The Clean Rooms membership (UUID) the template belongs to.',
  },
  arn: {
    placeholder: 'template-arn',
    doc: 'The ARN of the template in AWS, written when it is created or fetched.',
  },
};

export function completionItems(
  analysis: DocumentAnalysis,
  offset: number,
  options: CompletionOptions,
): CompletionList {
  const { result } = analysis;
  const ctx = completionContext(analysis.text, offset, result.template.bodyStart);
  if (options.triggeredBySpace && ctx.kind !== 'paramType')
    return { isIncomplete: false, items: [] };
  const range = (span: Span): Range => analysis.index.range(span);
  switch (ctx.kind) {
    case 'none':
      return { isIncomplete: false, items: [] };
    case 'directive':
      return {
        isIncomplete: false,
        items: directiveItems(analysis.text, ctx.replace, options.snippets, range),
      };
    case 'paramType':
      return {
        isIncomplete: false,
        items: PARAMETER_TYPES.map((type, i) => ({
          label: type,
          kind: CompletionItemKind.TypeParameter,
          detail: 'Parameter type',
          sortText: String(i).padStart(2, '0'),
          textEdit: { range: range(ctx.replace), newText: type },
        })),
      };
    case 'param':
      return {
        isIncomplete: false,
        items: result.template.params
          .filter((p) => p.name.value)
          .map((p) => ({
            label: p.name.value,
            kind: CompletionItemKind.Constant,
            detail: `${p.type?.value ?? '(no type)'}${p.defaultValue ? ` = '${p.defaultValue.value}'` : ''}`,
            textEdit: { range: range(ctx.replace), newText: p.name.value },
          })),
      };
    case 'member': {
      const model = analysis.model;
      const ref = model ? refForQualifier(model, offset, ctx.qualifier) : undefined;
      const viaModel = ref ? columnOptions(ref) : [];
      if (viaModel.length)
        return {
          isIncomplete: false,
          items: viaModel.map((c) => columnItem(c, range(ctx.replace))),
        };
      // `SELECT i.| FROM t i`: the half-typed `i.` swallows FROM in the model, so read the alias from the tokens.
      const name =
        aliasTarget(analysis.text, result.template.bodyStart, ctx.qualifier) ?? ctx.qualifier;
      const cte = model?.ctes.find((c) => c.key === name.toLowerCase());
      if (cte)
        return {
          isIncomplete: false,
          items: cte.query.outputs.map((o) =>
            columnItem(
              { name: o.name, via: cte.name, userIdOf: o.userIdOf ?? [] },
              range(ctx.replace),
            ),
          ),
        };
      const table = analysis.schema?.schema.tables.find(
        (t) => t.name.toLowerCase() === name.toLowerCase(),
      );
      return {
        isIncomplete: false,
        items: table
          ? schemaColumns(table).map((c) =>
              columnItem({ ...c, via: ctx.qualifier }, range(ctx.replace)),
            )
          : [],
      };
    }
    default:
      return { isIncomplete: false, items: sqlItems(ctx, analysis, offset, options.snippets) };
  }
}

function directiveItems(
  text: string,
  replace: Span,
  snippets: boolean,
  range: (span: Span) => Range,
): CompletionItem[] {
  // Replace the whole directive word, also the part after the cursor; when a value already
  // follows (`-- @| Reach`), insert the bare name: adding a space there would leave two.
  let end = replace.end;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  const valueFollows = text[end] === ' ' || text[end] === '\t';
  return KNOWN_DIRECTIVES.map((name) => {
    const d = DIRECTIVE_VALUES[name];
    const snippet = !valueFollows && snippets;
    const value = name === 'param' ? d.placeholder : `\${1:${d.placeholder}}`;
    return {
      label: `@${name}`,
      filterText: name,
      kind: CompletionItemKind.Keyword,
      documentation: { kind: MarkupKind.Markdown, value: d.doc },
      textEdit: {
        range: range({ start: replace.start, end }),
        newText: valueFollows ? name : snippet ? `${name} ${value}` : `${name} `,
      },
      ...(snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    };
  });
}

/** The table or CTE name that `alias` stands for in a FROM / JOIN of the body (`FROM t alias`, `JOIN t AS alias`). */
function aliasTarget(text: string, bodyStart: number, alias: string): string | undefined {
  const toks = codeTokens(lex(text.slice(bodyStart), bodyStart));
  const key = alias.toLowerCase();
  for (let i = 2; i < toks.length; i++) {
    if (toks[i].text.toLowerCase() !== key) continue;
    const table = toks[i - 1].upper === 'AS' ? toks[i - 2] : toks[i - 1];
    const before = toks[toks.indexOf(table) - 1];
    if (
      table?.kind === 'word' &&
      before &&
      (before.upper === 'FROM' || before.upper === 'JOIN' || before.text === ',')
    )
      return table.text;
  }
  return undefined;
}
