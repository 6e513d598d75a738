// At most 50 parameters per template (AnalysisParameterList, model of 2025-10-30).
import { MAX_PARAMETERS, type TemplateCheck } from './context';

export const paramCount: TemplateCheck = {
  code: 'PAR007',
  name: 'TooManyParameters',
  summary: 'more than 50 parameters',
  check({ template }) {
    return template.params.slice(MAX_PARAMETERS).map((p, i) => ({
      code: 'PAR007',
      severity: 'error' as const,
      message: `A template can have at most ${MAX_PARAMETERS} parameters; this is number ${MAX_PARAMETERS + i + 1}. Remove or combine parameters.`,
      span: p.name.span,
    }));
  },
};
