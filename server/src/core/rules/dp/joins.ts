// Joins: DP-to-DP joins are equi-joins on the user identifier (23, 25, 26), never CROSS (24),
// and no USING / NATURAL anywhere (27).
import type { Fix } from '../../types';
import type { Expr, TableRef } from '../../sql/model';
import { columnsOf, isDpRef } from '../../sql/resolve';
import { allSelects, finding, type Finding, isUserIdColumn, type DpRule } from './context';

const qualifier = (r: TableRef) => r.alias?.value ?? r.name ?? '';

function userIdColumnOf(r: TableRef): string | undefined {
  if (r.target.kind === 'schema') return r.target.table.userIdColumn;
  return columnsOf(r)?.find((c) => c.userIdOf?.length)?.name;
}

function conjuncts(e: Expr): Expr[] {
  return e.kind === 'operator' && e.op === 'AND' ? e.args.flatMap(conjuncts) : [e];
}

function suggestion(left: TableRef | undefined, right: TableRef): string {
  const l = left ? `${qualifier(left)}.${userIdColumnOf(left) ?? 'user_id'}` : '<left>.<user id>';
  return `${l} = ${qualifier(right)}.${userIdColumnOf(right) ?? 'user_id'}`;
}

export const dpJoinOnUserId: DpRule = {
  code: 'DP023',
  name: 'JoinNotOnUserId',
  summary: 'DP-to-DP join not an equi-join on the user id',
  rules: [23, 25, 26],
  check: (ctx) => {
    const out: Finding[] = [];
    for (const { sel } of allSelects(ctx.model)) {
      // Grown as the loop goes (a slice per item is quadratic in the number of joins).
      const earlier: TableRef[] = [];
      const dpBefore = new Set<TableRef>();
      sel.from.forEach((ref, i) => {
        const previous = sel.from[i - 1];
        if (previous && isDpRef(previous)) {
          earlier.push(previous);
          dpBefore.add(previous);
        }
        const join = ref.join;
        if (!join || !isDpRef(ref)) return;
        if (!earlier.length) return; // DP to non-DP: any columns (rule 25)
        const on = join.on;
        if (!on) {
          // CROSS / comma joins are DP024's, USING / NATURAL DP027's; a bare JOIN has no criterion at all.
          if (join.type !== 'CROSS' && join.type !== ',' && !join.using && !join.natural) {
            out.push(
              finding(
                'error',
                `This join of differential-privacy relations has no join condition; add ON ${suggestion(earlier[0], ref)}.`,
                { start: join.keywordSpan.start, end: ref.span.end },
              ),
            );
          }
          return;
        }
        const parts = conjuncts(on);
        const isKey = (e: Expr) =>
          e.kind === 'operator' &&
          (e.op === '=' || e.op === '==') &&
          e.args.length === 2 &&
          e.args.every(isUserIdColumn) &&
          e.args.some((a) => a.kind === 'column' && a.ref.resolved?.table === ref) &&
          e.args.some((a) => a.kind === 'column' && dpBefore.has(a.ref.resolved!.table));
        if (!parts.some(isKey)) {
          out.push(
            finding(
              'error',
              `Differential-privacy relations '${qualifier(earlier[0])}' and '${qualifier(ref)}' must be joined with an equi-join on the user identifier column: write ON ${suggestion(earlier[0], ref)}.`,
              on.span,
            ),
          );
        } else if (parts.length > 1 || parts.some((p) => p.kind === 'operator' && p.op === 'OR')) {
          out.push(
            finding(
              'warning',
              `The equi-join on the user identifier is the only join condition documented between differential-privacy tables; the service may reject the extra conditions. Move them to WHERE.`,
              on.span,
            ),
          );
        }
      });
    }
    return out;
  },
};

export const noDpCrossJoin: DpRule = {
  code: 'DP024',
  name: 'CrossJoin',
  summary: 'CROSS JOIN between DP relations',
  rules: [24],
  check: (ctx) => {
    const out: Finding[] = [];
    for (const { sel } of allSelects(ctx.model)) {
      // Only the first earlier DP relation is named: found once, not sliced per item (quadratic).
      const firstDp = sel.from.findIndex(isDpRef);
      sel.from.forEach((ref, i) => {
        const type = ref.join?.type;
        if ((type !== 'CROSS' && type !== ',') || !isDpRef(ref)) return;
        const earlier = firstDp >= 0 && firstDp < i ? sel.from[firstDp] : undefined;
        if (!earlier) return;
        out.push(
          finding(
            'error',
            `${type === ',' ? 'A comma join is a CROSS JOIN; ' : ''}CROSS JOIN between differential-privacy relations is not supported; write JOIN ${ref.name ?? ''}${ref.alias ? ` ${ref.alias.value}` : ''} ON ${suggestion(earlier, ref)}.`,
            ref.join!.keywordSpan,
          ),
        );
      });
    }
    return out;
  },
};

export const noUsingNatural: DpRule = {
  code: 'DP027',
  name: 'UsingOrNaturalJoin',
  summary: 'USING / NATURAL join',
  rules: [27],
  check: (ctx) => {
    const out: Finding[] = [];
    const text = ctx.template.text;
    for (const { sel } of allSelects(ctx.model)) {
      sel.from.forEach((ref, i) => {
        const join = ref.join;
        if (!join || (!join.using && !join.natural)) return;
        const left = sel.from[i - 1];
        let columns = join.using?.columns.map((c) => c.value) ?? [];
        if (join.natural && left) {
          const l = columnsOf(left)?.map((c) => c.key) ?? [];
          columns = (columnsOf(ref) ?? []).filter((c) => l.includes(c.key)).map((c) => c.name);
        }
        const on =
          left && columns.length
            ? columns.map((c) => `${qualifier(left)}.${c} = ${qualifier(ref)}.${c}`).join(' AND ')
            : undefined;
        const fixes: Fix[] = [];
        if (on && join.using)
          fixes.push({
            title: `Use ON ${on}`,
            edits: [{ span: join.using.span, newText: `ON ${on}` }],
            preferred: true,
          });
        if (on && join.natural) {
          const after = text[join.natural.end] === ' ' ? 1 : 0;
          fixes.push({
            title: `Use ON ${on}`,
            edits: [
              { span: { start: join.natural.start, end: join.natural.end + after }, newText: '' },
              { span: { start: ref.span.end, end: ref.span.end }, newText: ` ON ${on}` },
            ],
            preferred: true,
          });
        }
        const what = join.using ? 'USING' : 'NATURAL JOIN';
        out.push(
          finding(
            'error',
            `${what} is not supported in differential-privacy queries; state the join criterion explicitly with ON${on ? ` (${on})` : ''}.`,
            join.using?.span ?? join.natural!,
            fixes.length ? { fixes } : {},
          ),
        );
      });
    }
    return out;
  },
};
