// Completion in the SQL body, by clause: tables and CTEs after FROM / JOIN, columns in scope
// (or of every table while no FROM is written yet), parameters and the functions the clause and
// differential privacy allow, and the DP snippets. DP facts go in `detail` so they show without
// opening the documentation.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver';
import { ENDS_FROM_LIST, RESERVED } from '../core/sql/keywordRoles';
import { codeTokens, lex } from '../core/sql/lexer';
import type { Cte, QueryModel, Select, TableRef } from '../core/sql/model';
import type { SchemaTable } from '../core/types';
import type { DocumentAnalysis } from '../session/analysis';
import type { CompletionContext, SqlPlace } from './completionContext';
import {
  distinctUsers,
  finalQueries,
  perUserCtes,
  plainText,
  type Snippet,
} from './completionSnippets';
import {
  allFunctions,
  allowanceAt,
  dpStatement,
  functionInfo,
  type FunctionInfo,
} from './functionCatalog';
import { allSelects, columnOptions, isDpQuery, type ColumnOption } from './modelQuery';

type SqlContext = Extract<
  CompletionContext,
  { kind: 'table' | 'start' | 'keyword' | 'expression' }
>;

/**
 * Sort groups, lowest first. Items whose name starts with the typed prefix come before all others
 * (see ranked), so `SELECT us` lists user_id before any function.
 */
const GROUP = {
  first: 0,
  column: 1,
  alias: 2,
  param: 3,
  function: 4,
  forbidden: 5,
  keyword: 6,
} as const;

export function sqlItems(
  ctx: SqlContext,
  analysis: DocumentAnalysis,
  offset: number,
  snippets: boolean,
): CompletionItem[] {
  const range = analysis.index.range(ctx.replace);
  const schema = analysis.schema?.schema;
  const tables = schema?.tables ?? [];
  const model = analysis.model;
  const snippet = (s: Snippet, group: number, filterText?: string) =>
    snippetItem(s, range, group, snippets, filterText);
  let items: CompletionItem[];
  switch (ctx.kind) {
    case 'start':
      items = ctx.inWith
        ? perUserCtes(tables, false).map((s) => snippet(s, GROUP.first, 'per_user'))
        : [
            ...['SELECT', 'WITH'].map((k) => keywordItem(k, range)),
            ...perUserCtes(tables, true).map((s) => snippet(s, GROUP.first, 'WITH')),
            ...finalQueries(tables).map((s) => snippet(s, GROUP.first, 'SELECT')),
          ];
      break;
    case 'table': {
      const ctes = visibleCtes(model, ctx.place);
      items = [...tables.map((t) => tableItem(t, range)), ...ctes.map((c) => cteItem(c, range))];
      // A loop, not push(...): a spread passes each element as an argument, which overflows the
      // stack past ~120,000 (a schema may list that many tables).
      if (ctx.afterJoin)
        for (const join of userIdJoins(selectOf(model, ctx.place), tables, ctes, range))
          items.push(join);
      break;
    }
    case 'keyword': {
      items = ctx.words.map((k, i) => ({
        ...keywordItem(k, range),
        sortText: `${GROUP.keyword}${String(i).padStart(2, '0')}`,
      }));
      // `JOIN t alias |` between two DP relations: the whole user-id condition, first.
      const joined =
        ctx.joinOn && selectOf(model, ctx.joinOn)?.from.filter((r) => r.span.start < offset);
      const on = joined && onJoin(joined, range);
      if (on)
        items.unshift({
          ...on,
          label: `ON ${on.label}`,
          filterText: 'ON',
          sortText: `${GROUP.first}`,
          textEdit: { range, newText: `ON ${on.label}` },
        });
      break;
    }
    case 'expression':
      items = expressionItems(ctx, analysis, offset, range, snippets);
      break;
  }
  return ranked(items, ctx.prefix);
}

function expressionItems(
  ctx: Extract<SqlContext, { kind: 'expression' }>,
  analysis: DocumentAnalysis,
  offset: number,
  range: Range,
  snippets: boolean,
): CompletionItem[] {
  const model = analysis.model;
  const tables = analysis.schema?.schema.tables ?? [];
  const sel = selectOf(model, ctx.place);
  // In ON, only the tables joined so far; elsewhere every table of the FROM clause.
  const refs = (sel?.from ?? []).filter((r) => ctx.clause !== 'on' || r.span.start < offset);
  const later = refs.length
    ? []
    : fromClauseAfter(analysis.text, offset, tables, visibleCtes(model, ctx.place));
  const dp = (model ? isDpQuery(model) : false) || later.some((c) => c.userIdOf.length > 0);
  // The tables are known and none has DP: the DP rules say nothing here, so no DP notes.
  const dpNotes = dp || (!refs.length && !later.length);
  const columns = refs.length
    ? columnsInScope(refs)
    : later.length
      ? later
      : columnsOfEverything(tables, visibleCtes(model, ctx.place));
  const columnItems = columns.map((c) => columnItem(c, range));
  const params = analysis.result.template.params
    .filter((p) => p.name.value)
    .map((p): CompletionItem => ({
      label: `:${p.name.value}`,
      filterText: p.name.value,
      kind: CompletionItemKind.Constant,
      detail: `Parameter ${p.type?.value.toUpperCase() ?? '(no type)'}`,
      sortText: `${GROUP.param}${p.name.value}`,
      textEdit: { range, newText: `:${p.name.value}` },
    }));
  const aliases = refs
    .map((r) => r.alias?.value ?? r.name)
    .filter((name): name is string => !!name)
    .map((name): CompletionItem => ({
      label: name,
      kind: CompletionItemKind.Variable,
      detail: 'Table in scope',
      sortText: `${GROUP.alias}${name}`,
      textEdit: { range, newText: name },
    }));
  const finalDp = dp && ctx.place.rules === 'final';
  const fns = (filter: (f: FunctionInfo) => boolean) =>
    allFunctions()
      .filter(filter)
      .map((f) => functionItem(f, range, ctx.place.rules, dp, dpNotes, snippets));
  const allowed = (f: FunctionInfo) => allowanceAt(f, ctx.place.rules) !== 'no';
  // Row-wise functions; in a DP query only those DP does not reject (arrays, CONVERT, ...).
  const scalar = (f: FunctionInfo) =>
    (f.kind === 'scalar' || f.kind === 'array' || f.kind === 'generator') && (!dp || allowed(f));
  const finalAggregate = (f: FunctionInfo) =>
    f.kind === 'aggregate' && allowanceAt(f, 'final') !== 'no';
  // Documented ones (COUNT, SUM, AVG, STDDEV) before those the docs leave open (STDDEV_POP).
  const aggregateFirst = (i: CompletionItem) => ({
    ...i,
    sortText: `${GROUP.first}${allowanceAt(functionInfo(i.label)!, 'final') === 'yes' ? 0 : 1}${i.label}`,
  });
  switch (ctx.clause) {
    case 'select': {
      if (!finalDp) return [...columnItems, ...aliases, ...fns(() => true)];
      // The final SELECT of a DP query: the aggregates DP allows first, the others not at all.
      const uid = columns.find((c) => c.userIdOf.length)?.name;
      return [
        ...(uid
          ? [
              {
                ...snippetItem(distinctUsers(uid), range, GROUP.first, snippets, 'COUNT'),
                sortText: `${GROUP.first}0COUNT(DISTINCT`,
              },
            ]
          : []),
        ...fns(finalAggregate).map(aggregateFirst),
        ...columnItems,
        ...aliases,
        ...fns((f) => f.kind !== 'aggregate' && allowed(f)),
      ];
    }
    case 'having': {
      const aggregates = fns((f) => (finalDp ? finalAggregate(f) : f.kind === 'aggregate')).map(
        aggregateFirst,
      );
      return [...aggregates, ...columnItems, ...params, ...fns(scalar).map(plainFunction)];
    }
    case 'groupBy': {
      const exprs = groupableItems(sel, analysis.text, range);
      const taken = new Set(exprs.map((e) => e.label.toLowerCase()));
      return [
        ...exprs,
        ...columnItems.filter((c) => !taken.has(c.label.toLowerCase())),
        ...fns(scalar).map(plainFunction),
      ];
    }
    case 'orderBy':
      return [...outputAliases(sel, range), ...columnItems, ...fns(scalar).map(plainFunction)];
    case 'on': {
      const join = onJoin(refs, range);
      return [
        ...(join ? [join] : []),
        ...columnItems,
        ...aliases,
        ...params,
        ...fns(scalar).map(plainFunction),
      ];
    }
    case 'call': {
      // COUNT(DISTINCT user_id) is the DP final aggregate.
      const distinct =
        ctx.opening && functionInfo(ctx.fn ?? '')?.kind === 'aggregate'
          ? [{ ...keywordItem('DISTINCT', range), sortText: `${GROUP.alias}DISTINCT` }]
          : [];
      return [
        ...columnItems,
        ...distinct,
        ...aliases,
        ...params,
        ...fns(scalar).map(plainFunction),
      ];
    }
    case 'where':
      return [...columnItems, ...aliases, ...params, ...fns(scalar).map(plainFunction)];
  }
}

/** Items ranked: those whose name starts with the typed prefix first, then by group. */
function ranked(items: CompletionItem[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  return items.map((i) => {
    const word = (i.filterText ?? i.label).toLowerCase();
    return {
      ...i,
      sortText: `${p && word.startsWith(p) ? 0 : 1}${i.sortText ?? `${GROUP.keyword}${i.label}`}`,
    };
  });
}

/** The model's SELECT the cursor is in (matched by its keyword's offset). */
function selectOf(model: QueryModel | undefined, place: SqlPlace): Select | undefined {
  if (!model || place.selectAt === undefined) return undefined;
  return allSelects(model).find((s) => s.selectKeyword.start === place.selectAt);
}

/** CTEs a query at `place` may read: those defined before the one being written (never itself). */
function visibleCtes(model: QueryModel | undefined, place: SqlPlace): Cte[] {
  const before = place.cte?.at ?? Infinity;
  return (model?.ctes ?? [])
    .filter((c) => c.nameSpan.start < before)
    .sort((a, b) => a.nameSpan.start - b.nameSpan.start);
}

/** The columns of the FROM clause's tables; a name two of them share is qualified. */
function columnsInScope(refs: TableRef[]): SqlColumn[] {
  const all = refs.flatMap((r) => columnOptions(r));
  const count = new Map<string, number>();
  for (const c of all) count.set(c.name.toLowerCase(), (count.get(c.name.toLowerCase()) ?? 0) + 1);
  return all.map((c) =>
    (count.get(c.name.toLowerCase()) ?? 0) > 1 && c.via ? { ...c, qualified: true } : c,
  );
}

/** No FROM yet: the columns of the CTEs before this one and of every schema table, one item per name. */
function columnsOfEverything(tables: SchemaTable[], ctes: Cte[]): SqlColumn[] {
  const byName = new Map<string, SqlColumn>();
  const add = (c: SqlColumn) => {
    const seen = byName.get(c.name.toLowerCase());
    if (!seen) byName.set(c.name.toLowerCase(), c);
    else
      byName.set(c.name.toLowerCase(), {
        ...seen,
        via: `${seen.via}, ${c.via}`,
        shared: true,
        type: seen.type ?? c.type,
        userIdOf: [...seen.userIdOf, ...c.userIdOf],
      });
  };
  // The final query usually reads the CTEs: theirs first.
  for (const cte of ctes)
    for (const o of cte.query.outputs)
      add({ name: o.name, via: cte.name, userIdOf: o.userIdOf ?? [], fromCte: true });
  for (const t of tables) for (const c of schemaColumns(t)) add(c);
  return [...byName.values()];
}

/**
 * The columns of the FROM clause that follows the cursor, read from the tokens: a call left open
 * before it (`SELECT COUNT(| FROM t`) makes the model read FROM as an argument.
 */
function fromClauseAfter(
  text: string,
  offset: number,
  tables: SchemaTable[],
  ctes: Cte[],
): SqlColumn[] {
  const toks = codeTokens(lex(text.slice(offset), offset));
  let depth = 0;
  let k = 0;
  for (; k < toks.length; k++) {
    const t = toks[k];
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (t.text === ';' || (depth <= 0 && t.upper === 'SELECT')) return [];
    else if (depth <= 0 && t.upper === 'FROM') break;
  }
  const out: ColumnOption[] = [];
  for (k++; k < toks.length;) {
    const name = toks[k];
    if (name.kind !== 'word' || RESERVED.has(name.upper)) break;
    k++;
    if (toks[k]?.upper === 'AS') k++;
    const alias =
      toks[k]?.kind === 'word' && !RESERVED.has(toks[k].upper) ? toks[k++].text : undefined;
    const via = alias ?? name.text;
    const cte = ctes.find((c) => c.key === name.text.toLowerCase());
    const table = tables.find((t) => t.name.toLowerCase() === name.text.toLowerCase());
    // Loops, not push(...): a table or CTE may have more columns than a call takes arguments.
    if (cte)
      for (const o of cte.query.outputs)
        out.push({ name: o.name, via, userIdOf: o.userIdOf ?? [] });
    else if (table) for (const c of schemaColumns(table)) out.push({ ...c, via });
    while (
      k < toks.length &&
      toks[k].text !== ',' &&
      toks[k].upper !== 'JOIN' &&
      !ENDS_FROM_LIST.has(toks[k].upper) &&
      toks[k].text !== ')'
    )
      k++;
    if (toks[k]?.text !== ',' && toks[k]?.upper !== 'JOIN') break;
    k++;
  }
  const count = new Map<string, number>();
  for (const c of out) count.set(c.name.toLowerCase(), (count.get(c.name.toLowerCase()) ?? 0) + 1);
  return out.map((c) =>
    (count.get(c.name.toLowerCase()) ?? 0) > 1 ? { ...c, qualified: true } : c,
  );
}

export function schemaColumns(table: SchemaTable): ColumnOption[] {
  const uid = table.userIdColumn?.toLowerCase();
  return table.columns.map((c) => ({
    name: c.name,
    via: table.name,
    type: c.type,
    userIdOf: c.name.toLowerCase() === uid ? [table.name] : [],
  }));
}

/** The user-identifier column a table reference carries, if it reads DP data. */
function userIdOf(ref: TableRef): string | undefined {
  return columnOptions(ref).find((c) => c.userIdOf.length)?.name;
}

const refLabel = (r: TableRef) => r.alias?.value ?? r.name;

/** In ON: the joined table and an earlier DP table, equal on their user identifiers. */
function onJoin(refs: TableRef[], range: Range): CompletionItem | undefined {
  const right = refs[refs.length - 1];
  const rightUid = right && userIdOf(right);
  const left = refs.slice(0, -1).find((r) => userIdOf(r));
  if (!right || !rightUid || !left || !refLabel(left) || !refLabel(right)) return undefined;
  const text = `${refLabel(left)}.${userIdOf(left)} = ${refLabel(right)}.${rightUid}`;
  return {
    label: text,
    filterText: `${refLabel(left)}.${userIdOf(left)}`,
    kind: CompletionItemKind.Snippet,
    detail: 'Join the two DP relations on their user identifiers',
    sortText: `${GROUP.first}${text}`,
    textEdit: { range, newText: text },
  };
}

/** After JOIN with a DP relation in FROM: `other o ON a.uid = o.uid` for each other DP relation. */
function userIdJoins(
  sel: Select | undefined,
  tables: SchemaTable[],
  ctes: Cte[],
  range: Range,
): CompletionItem[] {
  const left = sel?.from.find((r) => userIdOf(r));
  const leftUid = left && userIdOf(left);
  if (!left || !leftUid || !refLabel(left)) return [];
  const taken = new Set(sel!.from.flatMap((r) => [refLabel(r)?.toLowerCase(), r.key]));
  const candidates = [
    ...tables.filter((t) => t.userIdColumn).map((t) => ({ name: t.name, uid: t.userIdColumn! })),
    ...ctes
      .map((c) => ({ name: c.name, uid: c.query.outputs.find((o) => o.userIdOf?.length)?.name }))
      .filter((c): c is { name: string; uid: string } => !!c.uid),
  ];
  return candidates
    .filter((c) => !taken.has(c.name.toLowerCase()))
    .map((c) => {
      let alias = c.name[0].toLowerCase();
      for (let n = 2; taken.has(alias); n++) alias = `${c.name[0].toLowerCase()}${n}`;
      const text = `${c.name} ${alias} ON ${refLabel(left)}.${leftUid} = ${alias}.${c.uid}`;
      return {
        label: text,
        filterText: c.name,
        kind: CompletionItemKind.Snippet,
        detail: 'Join on the user identifier (DP)',
        sortText: `${GROUP.alias}${c.name}`,
        textEdit: { range, newText: text },
      };
    });
}

/** GROUP BY: the select list's expressions that are not aggregates. */
function groupableItems(sel: Select | undefined, text: string, range: Range): CompletionItem[] {
  const items = (sel?.items ?? []).filter(
    (i) =>
      i.expr.kind !== 'star' &&
      !sel!.aggregates.some((a) => a.span.start >= i.span.start && a.span.end <= i.span.end),
  );
  const seen = new Set<string>();
  return items.flatMap((i) => {
    const expr = text.slice(i.expr.span.start, i.expr.span.end);
    if (!expr || seen.has(expr.toLowerCase())) return [];
    seen.add(expr.toLowerCase());
    return [
      {
        label: expr,
        kind: CompletionItemKind.Field,
        detail: 'In the select list',
        sortText: `${GROUP.first}${String(seen.size).padStart(3, '0')}`,
        textEdit: { range, newText: expr },
      },
    ];
  });
}

/** ORDER BY: the query's output names given with AS. */
function outputAliases(sel: Select | undefined, range: Range): CompletionItem[] {
  return (sel?.items ?? [])
    .filter((i) => i.alias)
    .map((i) => ({
      label: i.alias!.value,
      kind: CompletionItemKind.Variable,
      detail: 'Output column',
      sortText: `${GROUP.first}${i.alias!.value}`,
      textEdit: { range, newText: i.alias!.value },
    }));
}

/**
 * A column as offered: `qualified` when two tables in scope share its name; `shared` when `via`
 * lists several tables; `fromCte` when a CTE outputs it (listed before schema columns).
 */
type SqlColumn = ColumnOption & { qualified?: boolean; shared?: boolean; fromCte?: boolean };

export function columnItem(c: SqlColumn, range: Range): CompletionItem {
  const userId = c.userIdOf.length > 0;
  const text = c.qualified ? `${c.via}.${c.name}` : c.name;
  const where = c.shared ? `${text} (in ${c.via})` : `${c.qualified ? '' : `${c.via}.`}${text}`;
  return {
    label: text,
    ...(c.qualified ? { filterText: c.name } : {}),
    labelDetails: { description: c.via },
    kind: CompletionItemKind.Field,
    detail: `${where}${c.type ? `: ${c.type}` : ''}${userId ? ' · DP user identifier' : ''}`,
    ...(userId
      ? {
          documentation: {
            kind: MarkupKind.Markdown,
            value: `User identifier column of differential-privacy table ${c.userIdOf.map((t) => `\`${t}\``).join(', ')}. CTEs over DP data must select it and group by it.`,
          },
        }
      : {}),
    // The user identifier first: every CTE over DP data selects it.
    sortText: `${GROUP.column}${c.fromCte ? 0 : 1}${userId ? 0 : 1}${c.name}`,
    textEdit: { range, newText: text },
  };
}

function tableItem(t: SchemaTable, range: Range): CompletionItem {
  const columns = t.columns.map(
    (c) =>
      `- \`${c.name}\`${c.type ? ` ${c.type}` : ''}${c.name.toLowerCase() === t.userIdColumn?.toLowerCase() ? ' (user identifier)' : ''}`,
  );
  return {
    label: t.name,
    kind: CompletionItemKind.Class,
    detail: t.userIdColumn
      ? `DP table · user identifier: ${t.userIdColumn}`
      : `${t.analysisRuleType} analysis rule`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: [
        `**${t.name}**${t.userIdColumn ? ' (differential privacy)' : ''}`,
        '',
        ...columns,
      ].join('\n'),
    },
    sortText: `${GROUP.column}${t.name}`,
    textEdit: { range, newText: t.name },
  };
}

function cteItem(c: Cte, range: Range): CompletionItem {
  return {
    label: c.name,
    kind: CompletionItemKind.Interface,
    detail: c.involvesDp ? 'CTE · reads DP data' : 'CTE',
    sortText: `${GROUP.alias}${c.name}`,
    textEdit: { range, newText: c.name },
  };
}

function keywordItem(k: string, range: Range): CompletionItem {
  return {
    label: k,
    kind: CompletionItemKind.Keyword,
    sortText: `${GROUP.keyword}${k}`,
    textEdit: { range, newText: `${k} ` },
  };
}

function snippetItem(
  s: Snippet,
  range: Range,
  group: number,
  snippets: boolean,
  filterText?: string,
): CompletionItem {
  return {
    label: s.label,
    ...(filterText ? { filterText } : {}),
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    sortText: `${group}${s.label}`,
    textEdit: { range, newText: snippets ? s.body : plainText(s.body) },
    ...(snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
  };
}

const KIND_WORDS: Record<FunctionInfo['kind'], string> = {
  aggregate: 'Aggregate function',
  window: 'Window function',
  scalar: 'Scalar function',
  array: 'Array function',
  generator: 'Table-generating function',
};

/** `dpNotes`: say what DP allows (unless the query is known to read no DP table). */
function functionItem(
  f: FunctionInfo,
  range: Range,
  rules: SqlPlace['rules'],
  dp: boolean,
  dpNotes: boolean,
  snippets: boolean,
): CompletionItem {
  const allowedHere = allowanceAt(f, rules) !== 'no';
  const args = f.args ?? '(${1})';
  return {
    label: f.name,
    kind: CompletionItemKind.Function,
    detail: dpNotes ? dpStatement(f, rules) : KIND_WORDS[f.kind],
    sortText: `${dp && !allowedHere ? GROUP.forbidden : GROUP.function}${f.name}`,
    // Struck through only where DP applies and forbids it here.
    ...(dp && !allowedHere ? { tags: [CompletionItemTag.Deprecated] } : {}),
    textEdit: { range, newText: snippets ? `${f.name}${args}` : f.name },
    ...(snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
  };
}

/** Outside the select list a function's place in the DP rules is not the question: no DP note. */
function plainFunction(i: CompletionItem): CompletionItem {
  return { ...i, detail: i.kind === CompletionItemKind.Function ? 'Scalar function' : i.detail };
}
