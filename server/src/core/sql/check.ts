// The SQL layer's entry point for analyze(): statement kind, syntax, table resolution and the DP
// rules, combined into the verdict AWS's DIFFERENTIAL_PRIVACY validation would give.
import type { AnalyzeOptions, Diagnostic, Schema, Template, Verdict } from '../types';
import { buildContext } from '../rules/dp/context';
import { runDpRules } from '../rules/dp';
import { dpTextLimit } from '../rules/dp/statement';
import { buildModelAfter, type BuildTrace } from './build';
import { CLAUSES_AFTER_LIST, OTHER_STATEMENTS } from './keywordRoles';
import { lex, type Token } from './lexer';
import { walkExpr, type QueryModel } from './model';
import { checkSyntax } from './parse';
import { MAX_NESTING } from './parens';
import { resolveModel, selectExprs } from './resolve';
import { unknownColumnDiagnostics } from './unknownColumns';

export interface SqlCheckInput {
  template: Template;
  schema: Schema | undefined;
  options: AnalyzeOptions;
  /** The body's tokens lexed with base `template.bodyStart`, when the caller has them already. */
  tokens?: Token[];
  /** What the check of an earlier version of the same document left (see SqlTrace). */
  previous?: SqlTrace;
}

export interface SqlCheckResult {
  diagnostics: Diagnostic[];
  verdict: Verdict;
  model?: QueryModel;
  /** For the next check of the same document; absent when this one failed. */
  trace?: SqlTrace;
}

/**
 * What the next check may reuse: the model's leading CTEs, built and resolved. Resolution read
 * `schema` (by identity: the resolved nodes point at its tables), so a check against another
 * schema object rebuilds them all. The options reach neither the builder nor resolution.
 */
export interface SqlTrace {
  build: BuildTrace;
  schema: Schema | undefined;
}

const QUERY_STARTS = new Set(['SELECT', 'WITH', '(']);

/** Diagnostics that leave the verdict open when nothing is an error: part of the query was not checked. */
const UNDETERMINED = new Set(['SCH001', 'SCH002', 'SQL000', 'SQL002', 'SQL004']);

export function checkSql(input: SqlCheckInput): SqlCheckResult {
  try {
    return check(input);
  } catch (e) {
    // A bug here must not take the editor down: report it and say nothing about validity.
    const at = input.template.bodyStart;
    return {
      diagnostics: [
        {
          code: 'SQL000',
          severity: 'error',
          message: `The query could not be analysed (internal error: ${(e as Error).message}). Please report this with the query text.`,
          span: { start: at, end: at },
        },
      ],
      verdict: 'UNABLE_TO_VALIDATE',
    };
  }
}

function check({
  template,
  schema,
  options,
  tokens: lexed,
  previous,
}: SqlCheckInput): SqlCheckResult {
  const { body, bodyStart } = template;
  const tokens = lexed ?? lex(body, bodyStart);
  const built = buildModelAfter(
    tokens,
    template.text,
    previous && previous.schema === schema ? previous.build : undefined,
  );
  const model = built.model;
  const trace: SqlTrace = { build: built.trace, schema };
  const diagnostics: Diagnostic[] = [];
  if (!tokens.some((t) => t.kind !== 'comment')) {
    // Only comments (an empty body is the template checks' TPL004): there is no query to send.
    if (tokens.length)
      diagnostics.push({
        code: 'SQL001',
        severity: 'error',
        message: 'The body holds only comments; write the SELECT query after them.',
        span: tokens[tokens.length - 1].span,
      });
    return { diagnostics, verdict: 'INVALID', model, trace };
  }

  const isQuery = QUERY_STARTS.has(model.statement.value);
  let syntaxOk = true;
  if (model.tooDeep) {
    // Not handed to the (recursive) parser either: the one limit holds for the whole analysis.
    syntaxOk = false;
    diagnostics.push({
      code: 'SQL003',
      severity: 'error',
      message: `The query is nested more than ${MAX_NESTING} levels deep here (function calls, NOT, CASE, CAST, unary operators, parentheses and subqueries all count); simplify the expression or move parts into CTEs.`,
      span: model.tooDeep,
    });
  } else if (!isQuery && !OTHER_STATEMENTS.has(model.statement.value)) {
    syntaxOk = false;
    diagnostics.push({
      code: 'SQL001',
      severity: 'error',
      message: `Expected SELECT or WITH at the start of the query, found '${model.statement.value.slice(0, 30)}'.`,
      span: model.statement.span,
    });
  } else if (isQuery) {
    const { error: err, unchecked } = checkSyntax(body, tokens, bodyStart, options.fullSyntax);
    if (unchecked) {
      diagnostics.push({
        code: 'SQL002',
        severity: 'information',
        message:
          'Part of this query is too long to syntax-check while typing; its syntax was not checked.',
        span: model.statement.span,
      });
    }
    if (err) {
      syntaxOk = false;
      diagnostics.push({
        code: 'SQL001',
        severity: 'error',
        message: err.message,
        span: { start: err.start + bodyStart, end: err.end + bodyStart },
      });
    }
  }
  if (syntaxOk) {
    const noFrom = missingFrom(model, tokens);
    if (noFrom) {
      syntaxOk = false;
      diagnostics.push(noFrom);
    }
  }
  // The rules judge the model: when the builder could not place part of a query that parses, what
  // they say is not about the whole query.
  if (syntaxOk && isQuery) {
    for (const u of model.unplaced) {
      const text = template.text.slice(u.span.start, u.span.end);
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      diagnostics.push({
        code: 'SQL004',
        severity: 'warning',
        message: `This part of the query was not analysed ('${shown}'): ${u.reason}. The differential-privacy rules could not check it, so the query cannot be reported VALID; please report the query text.`,
        span: u.span,
      });
    }
  }
  resolveModel(model, schema, built.reusedCtes);
  const unresolved = model.tables.filter(
    (r) => r.kind === 'table' && r.target.kind === 'unresolved',
  );
  for (const ref of unresolved) {
    const message = schema
      ? `Table '${ref.name}' is not in cleanrooms.schema.json, so the differential-privacy rules cannot be checked for it. Add it to "tables" (with "differentialPrivacy": { "userIdColumn": "..." } if it has differential privacy) or run "Clean Rooms: Refresh Schema".`
      : `No cleanrooms.schema.json describes table '${ref.name}', so the differential-privacy rules cannot be checked. Create cleanrooms.schema.json next to the template (or in a parent folder) listing the table, or run "Clean Rooms: Refresh Schema".`;
    diagnostics.push({
      code: 'SCH001',
      severity: 'warning',
      message,
      span: ref.nameSpan ?? ref.span,
    });
  }
  // Over a model that parses and was placed whole: elsewhere a missing name proves nothing (the
  // builder leaves lambdas `x -> x + 1` and LATERAL subqueries unplaced, whose names are not columns).
  if (syntaxOk && isQuery && !model.unplaced.length)
    for (const d of unknownColumnDiagnostics(model)) diagnostics.push(d);
  const ctx = buildContext(template, model, schema, options);
  // A body that does not parse gets only the size check: rules over a broken model would be noise.
  for (const d of syntaxOk ? runDpRules(ctx) : runDpRules(ctx, [dpTextLimit])) diagnostics.push(d);

  // SQL000 is an error (a check that did not run fails CI) but says nothing about the query itself.
  const invalid = diagnostics.some((d) => d.severity === 'error' && d.code !== 'SQL000');
  const verdict: Verdict = invalid
    ? 'INVALID'
    : diagnostics.some((d) => UNDETERMINED.has(d.code))
      ? 'UNABLE_TO_VALIDATE'
      : 'VALID';
  return { diagnostics, verdict, model, trace };
}

/**
 * A SELECT that reads columns but names no table (`SELECT user_id WHERE ...`): the parser
 * accepts it, the service cannot run it. Reported where the FROM clause belongs: on the clause
 * keyword that follows the select list, or on the list's last item.
 */
function missingFrom(model: QueryModel, tokens: Token[]): Diagnostic | undefined {
  // Not subqueries: their columns may be the outer query's.
  const selects = [...model.ctes.map((c) => c.query), model.final].flatMap((q) => q.selects);
  for (const sel of selects) {
    if (sel.from.length || !sel.items.length) continue;
    let column: string | undefined;
    for (const e of selectExprs(sel))
      walkExpr(e, (x) => void (x.kind === 'column' && (column ??= x.ref.name)));
    if (!column) continue;
    // Only where the select list demonstrably ends without FROM; a list the model builder could not read to its end proves nothing.
    const code = tokens.filter((t) => t.kind !== 'comment');
    const next = code.find((t) => t.span.start >= sel.itemsSpan.end && t.span.end <= sel.span.end);
    const after = code.find((t) => t.span.start >= sel.span.end);
    const ends = next
      ? CLAUSES_AFTER_LIST.has(next.upper)
      : !after || after.text === ')' || after.text === ';' || CLAUSES_AFTER_LIST.has(after.upper);
    if (!ends) continue;
    return {
      code: 'SQL001',
      severity: 'error',
      message: `Missing FROM: this SELECT reads '${column}' but names no table. Add FROM and the table or CTE after the select list.`,
      span: next?.span ?? sel.items[sel.items.length - 1].span,
    };
  }
  return undefined;
}
