// Parameter names: `^[0-9a-zA-Z_]+$`, 1–100 characters (ParameterName in the service model).
import { PARAM_NAME, type TemplateCheck } from './context';

export const paramName: TemplateCheck = {
  code: 'PAR003',
  name: 'ParameterNameInvalid',
  summary: 'parameter name not `[0-9a-zA-Z_]{1,100}`',
  check({ template }) {
    return template.params
      .filter((p) => p.name.value && !PARAM_NAME.test(p.name.value))
      .map((p) => {
        const v = p.name.value;
        const why =
          v.length > 100
            ? `is ${v.length} characters long (at most 100)`
            : 'may only use letters, digits and _';
        const suggestion = v.replace(/[^0-9a-zA-Z_]/g, '_').slice(0, 100);
        return {
          code: 'PAR003',
          severity: 'error' as const,
          message: `Parameter name '${v}' ${why}. Try '${suggestion}'.`,
          span: p.name.span,
        };
      });
  },
};
