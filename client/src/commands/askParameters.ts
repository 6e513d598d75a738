// The parameter prompts of a template run, in AWS or locally: one input box per parameter, the
// default prefilled, each value checked against its declared type as it is typed.
import * as vscode from 'vscode';
import { checkParameterValue, parameterExample } from '../aws/parameterValues';
import type { TemplateParam } from '../aws/templateFile';

/** The values typed, by parameter name; undefined when the user gives up. */
export async function askParameters(
  operation: string,
  name: string,
  declared: TemplateParam[],
): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = {};
  for (const [i, p] of declared.entries()) {
    const value = await vscode.window.showInputBox({
      title: `${operation} "${name}": parameter ${i + 1} of ${declared.length}`,
      prompt: `:${p.name} (${p.type})${p.defaultValue !== undefined ? ` — default ${p.defaultValue}` : ''}`,
      placeHolder: parameterExample(p.type),
      value: p.defaultValue ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => {
        const check = checkParameterValue(p.type, v);
        return check.ok ? undefined : check.problem;
      },
    });
    if (value === undefined) return undefined;
    values[p.name] = value;
  }
  return values;
}
