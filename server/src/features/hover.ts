// Hover: what a parameter, column, table or function is, what DP allows there, and links from
// the diagnostics under the cursor to their sections in docs/diagnostics.md.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { SelectItem, TableRef } from '../core/sql/model';
import type { SchemaTable, Span } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import { columnAt, columnType, itemOfOutput, originOfRef } from './columnOrigin';
import { docsLink } from './convert';
import { dpStatement, functionInfo } from './functionCatalog';
import { contains, isDpQuery, placeOf } from './modelQuery';

export function hoverAt(
  analysis: DocumentAnalysis,
  offset: number,
  docsUri: string | undefined,
): Hover | null {
  const found = describeAt(analysis, offset);
  const links = diagnosticLinks(analysis, offset, docsUri);
  if (!found && !links.length) return null;
  const value = [found?.markdown, ...links].filter(Boolean).join('\n\n---\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    ...(found ? { range: analysis.index.range(found.span) } : {}),
  };
}

function describeAt(
  analysis: DocumentAnalysis,
  offset: number,
): { markdown: string; span: Span } | undefined {
  const { template, paramRefs } = analysis.result;
  const declared = (name: string) => template.params.find((p) => p.name.value === name);
  const ref = paramRefs.find((r) => contains(r.span, offset));
  if (ref) return { markdown: paramText(ref.name, declared(ref.name)), span: ref.span };
  const decl = template.params.find((p) => p.name.value && contains(p.name.span, offset));
  if (decl) return { markdown: paramText(decl.name.value, decl), span: decl.name.span };

  // Only a model built from this very text has trustworthy spans.
  const model = analysis.result.model;
  if (!model) return undefined;
  const call = model.functions.find((f) => contains(f.nameSpan, offset));
  if (call) {
    const info = functionInfo(call.name);
    const place = placeOf(call.scope);
    const where = place === 'final' ? 'in the final SELECT' : place === 'cte' ? 'in a CTE' : '';
    const text = info
      ? dpStatement(info, place)
      : unknownStatement(call.aggregateSyntax !== undefined || call.over !== undefined);
    const scope = isDpQuery(model)
      ? ''
      : '\n\nThis query reads no differential-privacy table, so these limits do not apply to it.';
    return {
      markdown: `**${call.name}**${where ? ` ${where}` : ''}\n\n${text}${scope}`,
      span: call.nameSpan,
    };
  }
  const column = model.columns.find((c) => contains(c.span, offset));
  if (column?.qualifier && contains(column.qualifier.span, offset)) {
    return column.resolved
      ? { markdown: refText(column.resolved.table), span: column.qualifier.span }
      : undefined;
  }
  if (column) {
    const origin = originOfRef(model, column);
    if (origin?.kind === 'output')
      return { markdown: outputText(analysis.text, origin.item), span: column.span };
    const target = column.resolved;
    if (!target)
      return {
        markdown: `**${column.name}**: column not found in the tables in scope.`,
        span: column.span,
      };
    const t = target.table.target;
    const via = target.table.name ?? target.table.alias?.value ?? 'derived table';
    const type = origin && columnType(model, origin);
    const lines = [
      `**${target.column}**${type ? `: \`${type}\`` : ''}`,
      `Column of ${t.kind === 'cte' ? 'CTE' : 'table'} \`${via}\`${target.table.alias ? ` (alias \`${target.table.alias.value}\`)` : ''}.`,
    ];
    if (target.userIdOf.length)
      lines.push(`**DP user identifier** of ${target.userIdOf.map((n) => `\`${n}\``).join(', ')}.`);
    else if (target.dp) lines.push('Comes from differential-privacy data.');
    return { markdown: lines.join('\n\n'), span: column.span };
  }
  for (const ref of model.tables) {
    const span = [ref.nameSpan, ref.alias?.span].find((s): s is Span => !!s && contains(s, offset));
    if (span) return { markdown: refText(ref), span };
  }
  // An `AS name` in a select list: the column it names.
  const named = columnAt(model, offset);
  if (named?.origin.kind === 'output')
    return { markdown: outputText(analysis.text, named.origin.item), span: named.span };
  if (named?.origin.kind === 'cte') {
    const item = itemOfOutput(named.origin.cte, named.origin.key);
    const type = columnType(model, named.origin);
    const expr = item
      ? ` = \`${analysis.text.slice(item.expr.span.start, item.expr.span.end)}\``
      : '';
    return {
      markdown: `**${analysis.text.slice(named.span.start, named.span.end)}**${type ? `: \`${type}\`` : ''}\n\nColumn of CTE \`${named.origin.cte.name}\`${expr}.`,
      span: named.span,
    };
  }
  return undefined;
}

/** An output alias of a SELECT and the expression it names. */
function outputText(text: string, item: SelectItem & { alias: { value: string } }): string {
  const expr = text.slice(item.expr.span.start, item.expr.span.end);
  return `**${item.alias.value}**: output column of this query, \`${expr}\`.`;
}

/** An unknown name: only a warning as a scalar, rejected when written like an aggregate or window function. */
function unknownStatement(aggregateForm: boolean): string {
  return aggregateForm
    ? 'DP: not allowed: not a documented aggregate or window function of the Clean Rooms Spark SQL engine (rules 17, 19, 28).'
    : 'DP: not documented (the service may reject it): not a documented function of the Clean Rooms Spark SQL engine (rule 38).';
}

function paramText(
  name: string,
  decl: DocumentAnalysis['result']['template']['params'][number] | undefined,
): string {
  if (!decl) return `**:${name}**: not declared. Add \`-- @param ${name} TYPE\` to the header.`;
  const type = decl.type ? `\`${decl.type.value.toUpperCase()}\`` : '(no type)';
  const def = decl.defaultValue
    ? `\n\nDefault: \`'${decl.defaultValue.value}'\``
    : '\n\nNo default: the member who can query must supply a value.';
  return `**:${name}**: parameter of type ${type}${def}`;
}

function refText(ref: TableRef): string {
  const t = ref.target;
  const name = ref.name ?? ref.alias?.value ?? 'derived table';
  if (t.kind === 'schema') return tableText(t.table);
  if (t.kind === 'cte')
    return `**${name}**: CTE${t.involvesDp ? ' over differential-privacy data' : ''}.`;
  if (t.kind === 'derived') return `**${name}**: derived table (subquery in FROM).`;
  return `**${name}**: not in cleanrooms.schema.json.`;
}

function tableText(t: SchemaTable): string {
  const head = `**${t.name}**: ${t.analysisRuleType} analysis rule${t.userIdColumn ? `, differential privacy with user identifier \`${t.userIdColumn}\`` : ''}.`;
  const cols = t.columns.map((c) => `- \`${c.name}\`${c.type ? ` ${c.type}` : ''}`);
  return [head, ...(cols.length ? ['', ...cols] : [])].join('\n');
}

function diagnosticLinks(
  analysis: DocumentAnalysis,
  offset: number,
  docsUri: string | undefined,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const d of analysis.result.diagnostics) {
    if (!d.rules?.length || !contains(d.span, offset) || seen.has(d.code)) continue;
    seen.add(d.code);
    const href = docsLink(docsUri, d.code);
    const rules = `DP rule${d.rules.length > 1 ? 's' : ''} ${d.rules.join(', ')}`;
    out.push(
      `**${d.code}** (${rules}): ${href ? `[${d.code} in docs/diagnostics.md](${href})` : `see \`docs/diagnostics.md#${d.code.toLowerCase()}\``}`,
    );
  }
  return out;
}
