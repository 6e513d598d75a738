// Every template-field and parameter check, in the order their diagnostics are documented.
import type { TemplateCheck } from './params/context';
import { undeclaredParam } from './params/undeclared';
import { unusedParam } from './params/unused';
import { paramName } from './params/name';
import { paramType } from './params/type';
import { duplicateParam } from './params/duplicate';
import { paramCount } from './params/count';
import { paramDefault } from './params/defaultValue';
import { literalOnlyParam } from './params/literalOnly';
import { templateName } from './template/name';
import { templateDescription } from './template/description';
import { templateBody } from './template/body';
import { templateLocation } from './template/location';

export const TEMPLATE_CHECKS: TemplateCheck[] = [
  templateName,
  templateDescription,
  templateBody,
  templateLocation,
  undeclaredParam,
  unusedParam,
  paramName,
  paramType,
  duplicateParam,
  paramCount,
  paramDefault,
  literalOnlyParam,
];
