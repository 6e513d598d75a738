// The typed values a local run binds: each typed value (or the default) checked against the
// parameter's declared type by the same checks a run in AWS uses (aws/parameterValues.ts).
import { checkParameterValue, type TypedValue } from '../aws/parameterValues';
import type { TemplateParam } from '../aws/templateFile';

export function typedParameters(
  declared: TemplateParam[],
  values: Record<string, string>,
): { problems: string[]; params: Record<string, TypedValue> } {
  const problems: string[] = [];
  const params: Record<string, TypedValue> = {};
  for (const p of declared) {
    const value = values[p.name] ?? p.defaultValue;
    if (value === undefined) {
      problems.push(`${p.name}: a value is required (no default).`);
      continue;
    }
    const check = checkParameterValue(p.type, value);
    if (check.ok) params[p.name] = check.value;
    else problems.push(`${p.name}: ${check.problem}`);
  }
  return { problems, params };
}
