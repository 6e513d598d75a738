// StartProtectedQuery / GetProtectedQuery / ListProtectedQueries / UpdateProtectedQuery
// (routes from the SDK's schemas_0.js). A query runs at once on the seed's sample rows
// (queryEngine.ts) but shows SUBMITTED, then STARTED, for the seed's `protectedQueryTiming`, so
// clients see the life cycle and can cancel. The outcome settles when a client next looks: on
// SUCCESS the CSV is written to the emulated S3 (s3.ts) and its s3:// location returned. A query
// the engine refuses ends FAILED; the query-outcome faults (faults.ts) make a query end TIMED_OUT
// or FAILED instead of running. Results are exact: the emulator adds no differential-privacy noise.
import { randomUUID } from 'node:crypto';
import { checkParameterValue, type TypedValue } from '../../client/src/aws/parameterValues';
import {
  accessDenied,
  conflict,
  invalidConfiguration,
  notFound,
  validationError,
  type FieldProblem,
} from './errors';
import { dpValidations } from './dpValidation';
import { queryFaultFor } from './faults';
import { paginate } from './paginate';
import { resultCsv, runQuery } from './queryEngine';
import type { Route } from './routes';
import { BUCKET_PATTERN, putObject, s3Uri } from './s3';
import { membershipArn, templateArn, type EmulatorState, type StoredProtectedQuery } from './state';
import { checkTemplateArn, checkUuid, PARAMETER_NAME_PATTERN, throwIfProblems } from './validate';

export const MAX_QUERY_STRING = 500_000;
const STATUSES = [
  'SUBMITTED',
  'STARTED',
  'CANCELLED',
  'CANCELLING',
  'FAILED',
  'SUCCESS',
  'TIMED_OUT',
];
const KEY_PREFIX_PATTERN = /^[\w!.=*/-]*$/;

const ok = (body: unknown) => ({ status: 200, body });

/** The errors of the query-outcome faults: the service's ProtectedQueryError shape, the emulator's words. */
const FAULT_ERRORS = {
  TIMED_OUT: {
    code: 'QUERY_TIMED_OUT',
    message: 'The query did not finish within the maximum run time and was stopped',
  },
  FAILED: {
    code: 'INTERNAL_SERVICE_ERROR',
    message: 'The query failed because of an internal error. Run it again',
  },
};
const seconds = (ms: number) => ms / 1000;
const problem = (name: string, message: string): FieldProblem => ({
  name,
  message: `Value at '${name}' ${message}`,
});

function ownMembership(state: EmulatorState, id: string) {
  throwIfProblems(checkUuid('membershipIdentifier', id));
  const m = state.memberships.get(id);
  if (!m || m.accountId !== state.accountId)
    throw notFound('MEMBERSHIP', id, `Membership ${id} not found.`);
  return m;
}

function queryOf(state: EmulatorState, membershipId: string, id: string): StoredProtectedQuery {
  throwIfProblems(checkUuid('protectedQueryIdentifier', id));
  const q = state.protectedQueries.get(id);
  if (!q || q.membershipId !== membershipId)
    throw notFound('PROTECTED_QUERY', id, `Protected query ${id} not found.`);
  return q;
}

/** The status a client sees now; settles the outcome (and writes the result) once its time has come. */
function statusOf(state: EmulatorState, q: StoredProtectedQuery, now = Date.now()): string {
  if (q.final) return q.final.status;
  const elapsed = now - q.createTime;
  if (elapsed < state.protectedQueryTiming.submittedMs) return 'SUBMITTED';
  if (!q.outcome || elapsed < state.protectedQueryTiming.runMs) return 'STARTED';
  if (q.outcome.status === 'SUCCESS') {
    const s3 = q.resultConfiguration.outputConfiguration.s3;
    const prefix = s3.keyPrefix ? `${s3.keyPrefix.replace(/\/+$/, '')}/` : '';
    const key = `${prefix}${q.id}/result.csv`;
    putObject(state, s3.bucket, key, Buffer.from(q.outcome.csv, 'utf8'), 'text/csv');
    q.final = { status: 'SUCCESS', time: now, location: s3Uri(s3.bucket, key) };
  } else {
    q.final = { status: q.outcome.status, time: now };
  }
  return q.final.status;
}

function protectedQuery(state: EmulatorState, q: StoredProtectedQuery) {
  const m = state.memberships.get(q.membershipId);
  const status = statusOf(state, q);
  return {
    id: q.id,
    membershipId: q.membershipId,
    membershipArn: m ? membershipArn(state, m) : '',
    createTime: seconds(q.createTime),
    sqlParameters: q.sqlParameters,
    status,
    resultConfiguration: q.resultConfiguration,
    ...(q.final ? { statistics: { totalDurationInMillis: q.final.time - q.createTime } } : {}),
    ...(q.final?.location ? { result: { output: { s3: { location: q.final.location } } } } : {}),
    ...((status === 'FAILED' || status === 'TIMED_OUT') && q.outcome && 'error' in q.outcome
      ? { error: q.outcome.error }
      : {}),
  };
}

type S3Output = StoredProtectedQuery['resultConfiguration']['outputConfiguration']['s3'];

interface StartInput {
  sqlParameters: StoredProtectedQuery['sqlParameters'];
  s3?: S3Output;
}

function parseStart(body: Record<string, unknown>): StartInput {
  const problems: FieldProblem[] = [];
  if (body.type !== 'SQL')
    problems.push(
      problem(
        'type',
        `'${String(body.type)}' failed to satisfy constraint: Member must satisfy enum value set: [SQL]`,
      ),
    );
  const sql = body.sqlParameters;
  if (typeof sql !== 'object' || sql === null) {
    problems.push(
      problem('sqlParameters', 'failed to satisfy constraint: Member must not be null'),
    );
    throwIfProblems(problems);
  }
  const { queryString, analysisTemplateArn, parameters } = sql as Record<string, unknown>;
  if (
    queryString !== undefined &&
    (typeof queryString !== 'string' || queryString.length > MAX_QUERY_STRING)
  ) {
    problems.push(
      problem(
        'sqlParameters.queryString',
        `failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERY_STRING}`,
      ),
    );
  }
  if (analysisTemplateArn !== undefined) {
    if (typeof analysisTemplateArn !== 'string')
      problems.push(problem('sqlParameters.analysisTemplateArn', 'must be a string'));
    else
      problems.push(...checkTemplateArn('sqlParameters.analysisTemplateArn', analysisTemplateArn));
  }
  if (parameters !== undefined) {
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters))
      problems.push(problem('sqlParameters.parameters', 'must be a map'));
    else {
      for (const [name, value] of Object.entries(parameters)) {
        if (!PARAMETER_NAME_PATTERN.test(name) || name.length > 100)
          problems.push(
            problem(
              `sqlParameters.parameters.${name}`,
              `failed to satisfy constraint: Member must satisfy regular expression pattern: ${PARAMETER_NAME_PATTERN.source}`,
            ),
          );
        if (typeof value !== 'string' || value.length > 1000)
          problems.push(
            problem(
              `sqlParameters.parameters.${name}`,
              'failed to satisfy constraint: Member must be a string of at most 1000 characters',
            ),
          );
      }
    }
  }
  const s3 = (
    body.resultConfiguration as
      { outputConfiguration?: { s3?: Record<string, unknown> } } | undefined
  )?.outputConfiguration?.s3;
  if (s3) {
    if (s3.resultFormat !== 'CSV' && s3.resultFormat !== 'PARQUET')
      problems.push(
        problem(
          'resultConfiguration.outputConfiguration.s3.resultFormat',
          'failed to satisfy constraint: Member must satisfy enum value set: [CSV, PARQUET]',
        ),
      );
    if (typeof s3.bucket !== 'string' || !BUCKET_PATTERN.test(s3.bucket))
      problems.push(
        problem(
          'resultConfiguration.outputConfiguration.s3.bucket',
          'failed to satisfy constraint: Member must be a valid bucket name (3-63 characters: a-z, 0-9, ., -)',
        ),
      );
    if (
      s3.keyPrefix !== undefined &&
      (typeof s3.keyPrefix !== 'string' || !KEY_PREFIX_PATTERN.test(s3.keyPrefix))
    ) {
      problems.push(
        problem(
          'resultConfiguration.outputConfiguration.s3.keyPrefix',
          `failed to satisfy constraint: Member must satisfy regular expression pattern: ${KEY_PREFIX_PATTERN.source}`,
        ),
      );
    }
  }
  throwIfProblems(problems);
  if ((queryString === undefined) === (analysisTemplateArn === undefined)) {
    throw invalidConfiguration(
      'Provide exactly one of sqlParameters.queryString and sqlParameters.analysisTemplateArn.',
    );
  }
  if (queryString !== undefined && parameters !== undefined)
    throw invalidConfiguration('Parameters can only be given with an analysis template.');
  return {
    sqlParameters: {
      ...(queryString !== undefined ? { queryString: queryString as string } : {}),
      ...(analysisTemplateArn !== undefined
        ? { analysisTemplateArn: analysisTemplateArn as string }
        : {}),
      ...(parameters !== undefined ? { parameters: parameters as Record<string, string> } : {}),
    },
    ...(s3 ? { s3: s3 as S3Output } : {}),
  };
}

/** The query's S3 output: the request's, else the membership's default result configuration. */
function resultConfiguration(
  requested: S3Output | undefined,
  membershipDefault: S3Output | undefined,
): StoredProtectedQuery['resultConfiguration'] {
  const s3 = requested ?? membershipDefault;
  if (!s3)
    throw invalidConfiguration(
      'No result configuration: this membership has no default result configuration, so give resultConfiguration.outputConfiguration.s3.',
    );
  if (s3.resultFormat !== 'CSV')
    throw invalidConfiguration('The local emulator writes CSV results only.');
  return { outputConfiguration: { s3 } };
}

/** The SQL to run and its typed parameter values, or a ValidationException naming every bad value. */
function querySource(
  state: EmulatorState,
  collaborationId: string,
  sql: StartInput['sqlParameters'],
): { text: string; params: Record<string, TypedValue> } {
  if (sql.queryString !== undefined) return { text: sql.queryString, params: {} };
  const arn = sql.analysisTemplateArn ?? '';
  const t = [...state.templates.values()].find(
    (x) => x.collaborationId === collaborationId && templateArn(state, x) === arn,
  );
  if (!t)
    throw notFound(
      'ANALYSIS_TEMPLATE',
      arn,
      `Analysis template ${arn} not found in collaboration ${collaborationId}.`,
    );
  if (t.text === undefined) {
    throw invalidConfiguration(
      `Analysis template ${t.name} is a PySpark template: run it as a protected job, not a protected query.`,
    );
  }
  const text = t.text;
  // Differential privacy is enforced when a query runs, so a template whose DP validation is
  // INVALID cannot run (the emulator's words: AWS documents no message for this).
  const dp = dpValidations(
    text,
    state.schemas.get(collaborationId) ?? [],
    t.analysisParameters.map((p) => p.name),
  )[0];
  if (dp?.status === 'INVALID') {
    const reasons = (dp.reasons ?? []).map((r) => r.message).join(' ');
    throw invalidConfiguration(
      `Analysis template ${t.name} does not fit the differential-privacy query structure, so it cannot run.${reasons ? ` ${reasons}` : ''}`,
    );
  }
  const given = sql.parameters ?? {};
  const problems: FieldProblem[] = [];
  const params: Record<string, TypedValue> = {};
  for (const name of Object.keys(given)) {
    if (!t.analysisParameters.some((p) => p.name === name))
      problems.push({
        name: `sqlParameters.parameters.${name}`,
        message: `Parameter '${name}' is not declared by analysis template ${t.name}.`,
      });
  }
  for (const p of t.analysisParameters) {
    const raw = given[p.name] ?? p.defaultValue;
    if (raw === undefined) {
      problems.push({
        name: `sqlParameters.parameters.${p.name}`,
        message: `Parameter '${p.name}' has no default value, so a value is required.`,
      });
      continue;
    }
    const check = checkParameterValue(p.type, raw);
    if (check.ok) params[p.name] = check.value;
    else
      problems.push({
        name: `sqlParameters.parameters.${p.name}`,
        message: `Parameter '${p.name}': ${check.problem}`,
      });
  }
  if (problems.length) throw validationError(problems);
  return { text, params };
}

function tablesOf(state: EmulatorState, collaborationId: string) {
  return (state.schemas.get(collaborationId) ?? []).map((s) => ({
    name: s.name,
    columns: s.columns,
    rows: state.sampleRows.get(`${collaborationId}/${s.name}`) ?? [],
  }));
}

export const protectedQueryRoutes: Route[] = [
  {
    operation: 'StartProtectedQuery',
    method: 'POST',
    path: ['memberships', '{membershipIdentifier}', 'protectedQueries'],
    handle({ state, faults, params, body }) {
      const m = ownMembership(state, params.membershipIdentifier);
      const input = parseStart(body);
      if (
        (m.status ?? 'ACTIVE') !== 'ACTIVE' ||
        !(m.memberAbilities ?? ['CAN_QUERY']).includes('CAN_QUERY')
      ) {
        throw accessDenied(
          `Membership ${m.id} cannot run queries: it does not have the CAN_QUERY ability.`,
        );
      }
      const source = querySource(state, m.collaborationId, input.sqlParameters);
      const q: StoredProtectedQuery = {
        id: randomUUID(),
        membershipId: m.id,
        createTime: Date.now(),
        sqlParameters: input.sqlParameters,
        resultConfiguration: resultConfiguration(
          input.s3,
          m.defaultResultConfiguration?.outputConfiguration.s3,
        ),
      };
      state.protectedQueries.set(q.id, q);
      const fault = queryFaultFor(faults, state.protectedQueries.size);
      if (fault) {
        q.outcome = { status: fault, error: FAULT_ERRORS[fault] };
        return ok({ protectedQuery: protectedQuery(state, q) });
      }
      runQuery(tablesOf(state, m.collaborationId), source.text, source.params).then(
        (result) =>
          (q.outcome = { status: 'SUCCESS', csv: resultCsv(result), rows: result.rows.length }),
        (error: unknown) =>
          (q.outcome = {
            status: 'FAILED',
            error: {
              code: 'QUERY_FAILED',
              message: `The query failed: ${error instanceof Error ? error.message : String(error)}`,
            },
          }),
      );
      return ok({ protectedQuery: protectedQuery(state, q) });
    },
  },
  {
    operation: 'GetProtectedQuery',
    method: 'GET',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'protectedQueries',
      '{protectedQueryIdentifier}',
    ],
    handle({ state, params }) {
      const m = ownMembership(state, params.membershipIdentifier);
      return ok({
        protectedQuery: protectedQuery(
          state,
          queryOf(state, m.id, params.protectedQueryIdentifier),
        ),
      });
    },
  },
  {
    operation: 'UpdateProtectedQuery',
    method: 'PATCH',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'protectedQueries',
      '{protectedQueryIdentifier}',
    ],
    handle({ state, params, body }) {
      const m = ownMembership(state, params.membershipIdentifier);
      if (body.targetStatus !== 'CANCELLED') {
        throw validationError([
          problem(
            'targetStatus',
            `'${String(body.targetStatus)}' failed to satisfy constraint: Member must satisfy enum value set: [CANCELLED]`,
          ),
        ]);
      }
      const q = queryOf(state, m.id, params.protectedQueryIdentifier);
      const status = statusOf(state, q);
      if (status !== 'SUBMITTED' && status !== 'STARTED') {
        throw conflict(
          'PROTECTED_QUERY',
          q.id,
          'INVALID_STATE',
          `Protected query ${q.id} is ${status} and can no longer be cancelled.`,
        );
      }
      q.final = { status: 'CANCELLED', time: Date.now() };
      return ok({ protectedQuery: { ...protectedQuery(state, q), status: 'CANCELLING' } });
    },
  },
  {
    operation: 'ListProtectedQueries',
    method: 'GET',
    path: ['memberships', '{membershipIdentifier}', 'protectedQueries'],
    handle({ state, params, query }) {
      const m = ownMembership(state, params.membershipIdentifier);
      const status = query.get('status');
      if (status !== null && !STATUSES.includes(status)) {
        throw validationError([
          problem(
            'status',
            `'${status}' failed to satisfy constraint: Member must satisfy enum value set: [${STATUSES.join(', ')}]`,
          ),
        ]);
      }
      const all = [...state.protectedQueries.values()]
        .filter((q) => q.membershipId === m.id)
        .sort((a, b) => b.createTime - a.createTime || a.id.localeCompare(b.id))
        .map((q) => ({
          id: q.id,
          membershipId: q.membershipId,
          membershipArn: membershipArn(state, m),
          createTime: seconds(q.createTime),
          status: statusOf(state, q),
          receiverConfigurations: [{ analysisType: 'DIRECT_ANALYSIS' }],
        }))
        .filter((q) => status === null || q.status === status);
      const page = paginate(all, `protected-queries:${m.id}:${status ?? ''}`, query);
      return ok({ protectedQueries: page.items, nextToken: page.nextToken });
    },
  },
];
