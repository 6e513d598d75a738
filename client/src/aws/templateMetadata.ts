// A template that is not SQL (PySpark) cannot become a `.cleanrooms.sql` file: Fetch shows what
// AWS holds about it instead, as read-only Markdown rendered here.
import { formatLabel, type RemoteTemplate } from './templates';

const s3 = (l: { bucket?: string; key?: string } | undefined) =>
  l ? `s3://${l.bucket ?? '?'}/${l.key ?? '?'}` : '(none)';
const code = (v: string | undefined) => (v ? `\`${v.replace(/`/g, "'")}\`` : '(none)');

export function renderTemplateMetadata(t: RemoteTemplate): string {
  const lines = [
    `# ${t.name}`,
    '',
    `${formatLabel(t.format)} analysis template, read-only: AWS holds its code in S3, so there is no SQL to edit here.`,
    '',
  ];
  if (t.description) lines.push(t.description, '');
  lines.push(
    '| | |',
    '|---|---|',
    `| ARN | ${code(t.arn)} |`,
    `| Format | ${code(t.format)} |`,
    `| Collaboration | ${code(t.collaborationId)} |`,
  );
  if (t.creatorAccountId) lines.push(`| Creator account | ${code(t.creatorAccountId)} |`);
  const a = t.artifacts;
  if (a) {
    lines.push(
      `| Entry point | ${code(s3(a.entryPoint?.location))} |`,
      `| Entry point SHA-256 | ${code(t.artifactHashes?.entryPoint)} |`,
      `| Role | ${code(a.roleArn)} |`,
    );
    (a.additionalArtifacts ?? []).forEach((x, i) => {
      lines.push(
        `| Artifact ${i + 1} | ${code(s3(x.location))} |`,
        `| Artifact ${i + 1} SHA-256 | ${code(t.artifactHashes?.additional[i])} |`,
      );
    });
  }
  lines.push(
    `| Referenced tables | ${t.referencedTables.length ? t.referencedTables.map(code).join(', ') : '(none)'} |`,
  );
  if (t.errorMessageConfiguration)
    lines.push(`| Error messages | ${code(t.errorMessageConfiguration.type)} |`);
  lines.push('');
  lines.push('## Parameters', '');
  if (t.parameters.length) {
    lines.push('| name | type | default |', '|---|---|---|');
    for (const p of t.parameters)
      lines.push(
        `| ${code(p.name)} | ${code(p.type)} | ${p.defaultValue !== undefined ? code(p.defaultValue) : ''} |`,
      );
  } else {
    lines.push('(none)');
  }
  const ml = t.syntheticDataParameters?.mlSyntheticDataParameters;
  if (ml) {
    lines.push(
      '',
      '## Synthetic data',
      '',
      `Epsilon ${ml.epsilon}, maximum membership-inference attack score ${ml.maxMembershipInferenceAttackScore}.`,
      '',
    );
    lines.push('| column | type | predictive value |', '|---|---|---|');
    for (const c of ml.columnClassification?.columnMapping ?? [])
      lines.push(
        `| ${code(c.columnName)} | ${c.columnType ?? ''} | ${c.isPredictiveValue ? 'yes' : 'no'} |`,
      );
  }
  return `${lines.join('\n')}\n`;
}
