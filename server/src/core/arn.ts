// Analysis template ARNs: the one pattern the header check, the schema file and the analysis-rule
// checks share.

// The service model's AnalysisTemplateArn pattern, verbatim (the emulator quotes its source in
// ValidationException messages): the current partition-aware form and the older `arn:aws:` form
// (template-constraints §1).
export const TEMPLATE_ARN =
  /^arn:aws[-a-z]*:cleanrooms:[\w]{2}-[\w]{4,9}-[\d]:[\d]{12}:membership\/[\d\w-]+\/analysistemplate\/[\d\w-]+$/;
export const MAX_TEMPLATE_ARN_LENGTH = 200;

export function isTemplateArn(value: string): boolean {
  return value.length <= MAX_TEMPLATE_ARN_LENGTH && TEMPLATE_ARN.test(value);
}

/** The account that created the template (the ARN's account field), when `arn` is a template ARN. */
export function templateArnAccount(arn: string): string | undefined {
  return isTemplateArn(arn) ? arn.split(':')[4] : undefined;
}
