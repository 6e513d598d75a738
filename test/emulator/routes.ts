// The operations: method + URI exactly as the SDK's serializers build them
// (node_modules/@aws-sdk/client-cleanrooms/dist-cjs/schemas/schemas_0.js, `[_h]: [method, uri, code]`).
import type { FaultConfig } from './faults';
import { randomUUID } from 'node:crypto';
import { conflict, notFound, quotaExceeded, validationError, type ServiceError } from './errors';
import { paginate } from './paginate';
import { protectedQueryRoutes } from './protectedQueries';
import {
  budgetTemplate,
  budgetTemplatesOf,
  budgetTemplateSummary,
  checkDpParameters,
  collaborationBudgetSummary,
  collaborationBudgetTemplate,
  collaborationBudgetTemplateSummary,
  membershipBudgetSummary,
  previewAggregations,
} from './privacyBudget';
import {
  analysisRule,
  analysisTemplate,
  collaboration,
  collaborationAnalysisTemplate,
  collaborationSummary,
  collaborationTemplateSummary,
  membership,
  membershipDetail,
  schema,
  schemaRuleType,
  schemaSummary,
  templateSummary,
} from './shapes';
import { sortedTemplates, templateArn, type EmulatorState, type StoredTemplate } from './state';
import {
  checkDescription,
  checkRuleType,
  checkTemplateArn,
  checkUuid,
  parseCreateTemplate,
  throwIfProblems,
} from './validate';

export interface Request {
  state: EmulatorState;
  /** The fault settings in force (faults.ts); only the query-outcome faults reach routes. */
  faults: FaultConfig;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface Response {
  status: number;
  body?: unknown;
}

export interface Route {
  operation: string;
  method: string;
  /** Path segments; `{name}` captures one URL-decoded segment. */
  path: string[];
  handle(req: Request): Response;
}

const ok = (body: unknown): Response => ({ status: 200, body });

function membershipOf(state: EmulatorState, id: string) {
  throwIfProblems(checkUuid('membershipIdentifier', id));
  const m = state.memberships.get(id);
  if (!m || m.accountId !== state.accountId)
    throw notFound('MEMBERSHIP', id, `Membership ${id} not found.`);
  return m;
}

function collaborationOf(state: EmulatorState, id: string) {
  throwIfProblems(checkUuid('collaborationIdentifier', id));
  const c = state.collaborations.get(id);
  if (!c) throw notFound('COLLABORATION', id, `Collaboration ${id} not found.`);
  return c;
}

function templateOf(
  state: EmulatorState,
  membershipId: string,
  templateId: string,
): StoredTemplate {
  throwIfProblems(checkUuid('analysisTemplateIdentifier', templateId));
  const t = state.templates.get(templateId);
  if (!t || t.membershipId !== membershipId)
    throw notFound('ANALYSIS_TEMPLATE', templateId, `Analysis template ${templateId} not found.`);
  return t;
}

function templateByArn(
  state: EmulatorState,
  collaborationId: string,
  arn: string,
): StoredTemplate | undefined {
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  const t = state.templates.get(id);
  return t && t.collaborationId === collaborationId && templateArn(state, t) === arn
    ? t
    : undefined;
}

function schemaOf(state: EmulatorState, collaborationId: string, name: string) {
  return (state.schemas.get(collaborationId) ?? []).find((s) => s.name === name);
}

function batchSize(field: string, list: unknown, max: number): unknown[] {
  if (!Array.isArray(list) || list.length < 1 || list.length > max) {
    throw validationError([
      {
        name: field,
        message: `Value at '${field}' failed to satisfy constraint: Member must have length between 1 and ${max}`,
      },
    ]);
  }
  return list;
}

const notFoundEntry = (error: ServiceError) => ({
  code: 'ResourceNotFoundException',
  message: error.message,
});

export const routes: Route[] = [
  {
    operation: 'ListCollaborations',
    method: 'GET',
    path: ['collaborations'],
    handle({ state, query }) {
      const status = query.get('memberStatus');
      const all = [...state.collaborations.values()]
        .map((c) => collaborationSummary(state, c))
        .filter((c) => status === null || c.memberStatus === status);
      const page = paginate(all, `collaborations:${status ?? ''}`, query);
      return ok({ collaborationList: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'GetCollaboration',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}'],
    handle({ state, params }) {
      return ok({
        collaboration: collaboration(state, collaborationOf(state, params.collaborationIdentifier)),
      });
    },
  },
  {
    operation: 'ListMemberships',
    method: 'GET',
    path: ['memberships'],
    handle({ state, query }) {
      const status = query.get('status');
      const all = [...state.memberships.values()]
        .filter(
          (m) =>
            m.accountId === state.accountId &&
            (status === null || (m.status ?? 'ACTIVE') === status),
        )
        .map((m) => membership(state, m));
      const page = paginate(all, `memberships:${status ?? ''}`, query);
      return ok({ membershipSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'GetMembership',
    method: 'GET',
    path: ['memberships', '{membershipIdentifier}'],
    handle({ state, params }) {
      return ok({
        membership: membershipDetail(state, membershipOf(state, params.membershipIdentifier)),
      });
    },
  },
  {
    operation: 'ListSchemas',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}', 'schemas'],
    handle({ state, params, query }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const type = query.get('schemaType');
      const all = type === null || type === 'TABLE' ? (state.schemas.get(c.id) ?? []) : [];
      const page = paginate(
        all.map((s) => schemaSummary(state, s)),
        `schemas:${c.id}:${type ?? ''}`,
        query,
      );
      return ok({ schemaSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'GetSchema',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}', 'schemas', '{name}'],
    handle({ state, params }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const s = schemaOf(state, c.id, params.name);
      if (!s)
        throw notFound(
          'SCHEMA',
          params.name,
          `Schema ${params.name} not found in collaboration ${c.id}.`,
        );
      return ok({ schema: schema(state, s) });
    },
  },
  {
    operation: 'BatchGetSchema',
    method: 'POST',
    path: ['collaborations', '{collaborationIdentifier}', 'batch-schema'],
    handle({ state, params, body }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const names = batchSize('names', body.names, 25);
      const found = names.map((n) => ({ name: String(n), s: schemaOf(state, c.id, String(n)) }));
      return ok({
        schemas: found.flatMap(({ s }) => (s ? [schema(state, s)] : [])),
        errors: found
          .filter(({ s }) => !s)
          .map(({ name }) => ({
            name,
            ...notFoundEntry(notFound('SCHEMA', name, `Schema ${name} not found.`)),
          })),
      });
    },
  },
  {
    operation: 'GetSchemaAnalysisRule',
    method: 'GET',
    path: [
      'collaborations',
      '{collaborationIdentifier}',
      'schemas',
      '{name}',
      'analysisRule',
      '{type}',
    ],
    handle({ state, params }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      throwIfProblems(checkRuleType('type', params.type));
      const s = schemaOf(state, c.id, params.name);
      if (!s || schemaRuleType(s) !== params.type || params.type !== 'CUSTOM') {
        throw notFound(
          'SCHEMA',
          params.name,
          `No ${params.type} analysis rule for schema ${params.name}.`,
        );
      }
      return ok({ analysisRule: analysisRule(s) });
    },
  },
  {
    operation: 'BatchGetSchemaAnalysisRule',
    method: 'POST',
    path: ['collaborations', '{collaborationIdentifier}', 'batch-schema-analysis-rule'],
    handle({ state, params, body }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const requests = batchSize(
        'schemaAnalysisRuleRequests',
        body.schemaAnalysisRuleRequests,
        25,
      ) as { name?: string; type?: string }[];
      const analysisRules = [];
      const errors = [];
      for (const { name = '', type = '' } of requests) {
        const s = schemaOf(state, c.id, name);
        if (s && type === 'CUSTOM' && schemaRuleType(s) === 'CUSTOM')
          analysisRules.push(analysisRule(s));
        else
          errors.push({
            name,
            type,
            code: 'ResourceNotFoundException',
            message: `No ${type} analysis rule for schema ${name}.`,
          });
      }
      return ok({ analysisRules, errors });
    },
  },
  {
    operation: 'CreateAnalysisTemplate',
    method: 'POST',
    path: ['memberships', '{membershipIdentifier}', 'analysistemplates'],
    handle({ state, params, body }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const input = parseCreateTemplate(body);
      const own = sortedTemplates(state, (t) => t.membershipId === m.id);
      if (own.some((t) => t.name === input.name)) {
        throw conflict(
          'MEMBERSHIP',
          m.id,
          'ALREADY_EXISTS',
          `An analysis template named "${input.name}" already exists in membership ${m.id}.`,
        );
      }
      if (own.length >= state.templateQuota)
        throw quotaExceeded('Analysis templates per membership', state.templateQuota);
      const now = Date.now();
      const t: StoredTemplate = {
        id: randomUUID(),
        membershipId: m.id,
        collaborationId: m.collaborationId,
        creatorAccountId: state.accountId,
        name: input.name,
        ...(input.description !== undefined ? { description: input.description } : {}),
        format: input.format,
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.artifacts ? { artifacts: input.artifacts } : {}),
        analysisParameters: input.analysisParameters,
        ...(input.referencedTables ? { referencedTables: input.referencedTables } : {}),
        ...(input.errorMessageConfiguration
          ? { errorMessageConfiguration: input.errorMessageConfiguration }
          : {}),
        ...(input.syntheticDataParameters
          ? { syntheticDataParameters: input.syntheticDataParameters }
          : {}),
        tags: input.tags,
        createTime: now,
        updateTime: now,
      };
      state.templates.set(t.id, t);
      return ok({ analysisTemplate: analysisTemplate(state, t) });
    },
  },
  {
    operation: 'GetAnalysisTemplate',
    method: 'GET',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'analysistemplates',
      '{analysisTemplateIdentifier}',
    ],
    handle({ state, params }) {
      const m = membershipOf(state, params.membershipIdentifier);
      return ok({
        analysisTemplate: analysisTemplate(
          state,
          templateOf(state, m.id, params.analysisTemplateIdentifier),
        ),
      });
    },
  },
  {
    operation: 'UpdateAnalysisTemplate',
    method: 'PATCH',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'analysistemplates',
      '{analysisTemplateIdentifier}',
    ],
    handle({ state, params, body }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const t = templateOf(state, m.id, params.analysisTemplateIdentifier);
      throwIfProblems(checkDescription('description', body.description));
      if (typeof body.description === 'string') t.description = body.description;
      t.updateTime = Math.max(Date.now(), t.createTime);
      return ok({ analysisTemplate: analysisTemplate(state, t) });
    },
  },
  {
    operation: 'DeleteAnalysisTemplate',
    method: 'DELETE',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'analysistemplates',
      '{analysisTemplateIdentifier}',
    ],
    handle({ state, params }) {
      const m = membershipOf(state, params.membershipIdentifier);
      state.templates.delete(templateOf(state, m.id, params.analysisTemplateIdentifier).id);
      return { status: 204 };
    },
  },
  {
    operation: 'ListAnalysisTemplates',
    method: 'GET',
    path: ['memberships', '{membershipIdentifier}', 'analysistemplates'],
    handle({ state, params, query }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const all = sortedTemplates(state, (t) => t.membershipId === m.id).map((t) =>
        templateSummary(state, t),
      );
      const page = paginate(all, `templates:${m.id}`, query);
      return ok({ analysisTemplateSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'ListCollaborationAnalysisTemplates',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}', 'analysistemplates'],
    handle({ state, params, query }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const all = sortedTemplates(state, (t) => t.collaborationId === c.id).map((t) =>
        collaborationTemplateSummary(state, t),
      );
      const page = paginate(all, `collaboration-templates:${c.id}`, query);
      return ok({ collaborationAnalysisTemplateSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'GetCollaborationAnalysisTemplate',
    method: 'GET',
    path: [
      'collaborations',
      '{collaborationIdentifier}',
      'analysistemplates',
      '{analysisTemplateArn}',
    ],
    handle({ state, params }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const arn = params.analysisTemplateArn;
      throwIfProblems(checkTemplateArn('analysisTemplateArn', arn));
      const t = templateByArn(state, c.id, arn);
      if (!t)
        throw notFound(
          'ANALYSIS_TEMPLATE',
          arn,
          `Analysis template ${arn} not found in collaboration ${c.id}.`,
        );
      return ok({ collaborationAnalysisTemplate: collaborationAnalysisTemplate(state, t) });
    },
  },
  {
    operation: 'BatchGetCollaborationAnalysisTemplate',
    method: 'POST',
    path: ['collaborations', '{collaborationIdentifier}', 'batch-analysistemplates'],
    handle({ state, params, body }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const arns = batchSize('analysisTemplateArns', body.analysisTemplateArns, 10).map(String);
      throwIfProblems(
        arns.flatMap((arn, i) => checkTemplateArn(`analysisTemplateArns.${i + 1}.member`, arn)),
      );
      const found = arns.map((arn) => ({ arn, t: templateByArn(state, c.id, arn) }));
      return ok({
        collaborationAnalysisTemplates: found.flatMap(({ t }) =>
          t ? [collaborationAnalysisTemplate(state, t)] : [],
        ),
        errors: found
          .filter(({ t }) => !t)
          .map(({ arn }) => ({
            arn,
            ...notFoundEntry(
              notFound(
                'ANALYSIS_TEMPLATE',
                arn,
                `Analysis template ${arn} not found in collaboration ${c.id}.`,
              ),
            ),
          })),
      });
    },
  },
  ...protectedQueryRoutes,
  {
    operation: 'ListTagsForResource',
    method: 'GET',
    path: ['tags', '{resourceArn}'],
    handle({ state, params }) {
      const arn = params.resourceArn;
      const t = [...state.templates.values()].find((x) => templateArn(state, x) === arn);
      if (!t) throw notFound('ANALYSIS_TEMPLATE', arn, `Resource ${arn} not found.`);
      return ok({ tags: t.tags });
    },
  },
  {
    operation: 'ListCollaborationPrivacyBudgets',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}', 'privacybudgets'],
    handle({ state, params, query }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const type = budgetType(query);
      const all =
        type === 'DIFFERENTIAL_PRIVACY'
          ? budgetTemplatesOf(state, c.id).map((p) => collaborationBudgetSummary(state, p))
          : [];
      const page = paginate(all, `collaboration-budgets:${c.id}:${type}`, query);
      return ok({ collaborationPrivacyBudgetSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'ListPrivacyBudgets',
    method: 'GET',
    path: ['memberships', '{membershipIdentifier}', 'privacybudgets'],
    handle({ state, params, query }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const type = budgetType(query);
      const all =
        type === 'DIFFERENTIAL_PRIVACY'
          ? budgetTemplatesOf(state, m.collaborationId).map((p) =>
              membershipBudgetSummary(state, p, m.id),
            )
          : [];
      const page = paginate(all, `budgets:${m.id}:${type}`, query);
      return ok({ privacyBudgetSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'ListPrivacyBudgetTemplates',
    method: 'GET',
    path: ['memberships', '{membershipIdentifier}', 'privacybudgettemplates'],
    handle({ state, params, query }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const all = [...state.privacyBudgetTemplates.values()]
        .filter((p) => p.membershipId === m.id)
        .map((p) => budgetTemplateSummary(state, p));
      const page = paginate(all, `budget-templates:${m.id}`, query);
      return ok({ privacyBudgetTemplateSummaries: page.items, nextToken: page.nextToken });
    },
  },
  {
    operation: 'GetPrivacyBudgetTemplate',
    method: 'GET',
    path: [
      'memberships',
      '{membershipIdentifier}',
      'privacybudgettemplates',
      '{privacyBudgetTemplateIdentifier}',
    ],
    handle({ state, params }) {
      const m = membershipOf(state, params.membershipIdentifier);
      const id = params.privacyBudgetTemplateIdentifier;
      throwIfProblems(checkUuid('privacyBudgetTemplateIdentifier', id));
      const p = state.privacyBudgetTemplates.get(id);
      if (!p || p.membershipId !== m.id)
        throw notFound('PRIVACY_BUDGET_TEMPLATE', id, `Privacy budget template ${id} not found.`);
      return ok({ privacyBudgetTemplate: budgetTemplate(state, p) });
    },
  },
  {
    operation: 'ListCollaborationPrivacyBudgetTemplates',
    method: 'GET',
    path: ['collaborations', '{collaborationIdentifier}', 'privacybudgettemplates'],
    handle({ state, params, query }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const all = budgetTemplatesOf(state, c.id).map((p) =>
        collaborationBudgetTemplateSummary(state, p),
      );
      const page = paginate(all, `collaboration-budget-templates:${c.id}`, query);
      return ok({
        collaborationPrivacyBudgetTemplateSummaries: page.items,
        nextToken: page.nextToken,
      });
    },
  },
  {
    operation: 'GetCollaborationPrivacyBudgetTemplate',
    method: 'GET',
    path: [
      'collaborations',
      '{collaborationIdentifier}',
      'privacybudgettemplates',
      '{privacyBudgetTemplateIdentifier}',
    ],
    handle({ state, params }) {
      const c = collaborationOf(state, params.collaborationIdentifier);
      const id = params.privacyBudgetTemplateIdentifier;
      throwIfProblems(checkUuid('privacyBudgetTemplateIdentifier', id));
      const p = budgetTemplatesOf(state, c.id).find((x) => x.id === id);
      if (!p)
        throw notFound(
          'PRIVACY_BUDGET_TEMPLATE',
          id,
          `Privacy budget template ${id} not found in collaboration ${c.id}.`,
        );
      return ok({ collaborationPrivacyBudgetTemplate: collaborationBudgetTemplate(state, p) });
    },
  },
  {
    operation: 'PreviewPrivacyImpact',
    method: 'POST',
    path: ['memberships', '{membershipIdentifier}', 'previewprivacyimpact'],
    handle({ state, params, body }) {
      membershipOf(state, params.membershipIdentifier);
      const parameters = body.parameters as Record<string, unknown> | undefined;
      if (
        typeof parameters !== 'object' ||
        parameters === null ||
        Object.keys(parameters).length !== 1 ||
        !('differentialPrivacy' in parameters)
      ) {
        throw validationError([
          {
            name: 'parameters',
            message: `Value at 'parameters' failed to satisfy constraint: Union must have exactly one member set`,
          },
        ]);
      }
      throwIfProblems(
        checkDpParameters('parameters.differentialPrivacy', parameters.differentialPrivacy),
      );
      const { epsilon, usersNoisePerQuery } = parameters.differentialPrivacy as {
        epsilon: number;
        usersNoisePerQuery: number;
      };
      return ok({
        privacyImpact: {
          differentialPrivacy: { aggregations: previewAggregations(epsilon, usersNoisePerQuery) },
        },
      });
    },
  },
];

/** `privacyBudgetType` is a required query member (PrivacyBudgetType enum). */
function budgetType(query: URLSearchParams): string {
  const type = query.get('privacyBudgetType');
  if (type === null)
    throw validationError([
      {
        name: 'privacyBudgetType',
        message: `Value null at 'privacyBudgetType' failed to satisfy constraint: Member must not be null`,
      },
    ]);
  if (type !== 'DIFFERENTIAL_PRIVACY' && type !== 'ACCESS_BUDGET') {
    throw validationError([
      {
        name: 'privacyBudgetType',
        message: `Value '${type}' at 'privacyBudgetType' failed to satisfy constraint: Member must satisfy enum value set: [ACCESS_BUDGET, DIFFERENTIAL_PRIVACY]`,
      },
    ]);
  }
  return type;
}

/** Finds the route for a method and raw (still percent-encoded) path. */
export function matchRoute(
  method: string,
  rawPath: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = rawPath.split('/').filter((s) => s !== '');
  for (const route of routes) {
    if (route.method !== method || route.path.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length && matched; i++) {
      const want = route.path[i];
      if (want.startsWith('{')) params[want.slice(1, -1)] = safeDecode(segments[i]);
      else matched = want === segments[i];
    }
    if (matched) return { route, params };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
