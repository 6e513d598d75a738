// What a change of each `cleanrooms.*` setting does, in one place (no vscode import, so a unit
// test holds it against package.json). extension.ts runs the effects; nothing else listens for
// configuration changes.

export type SettingEffect =
  /** The language client's document selector is fixed when it starts: restart it. */
  | 'restart-server'
  /** Profile, region and endpoint choose the signed-request target: drop the SDK session. */
  | 'reset-aws-session'
  /** The server registered for `workspace/didChangeConfiguration` and pulls its section again. */
  | 'server-pulls'
  /** Read by vscode-languageclient itself (the `<id>.trace.server` convention). */
  | 'language-client'
  /** Read afresh by the command that uses it each time it runs (Run Analysis Template): nothing to redo. */
  | 'read-on-use';

export const SETTING_EFFECTS: Readonly<Record<string, SettingEffect>> = {
  'cleanrooms.region': 'reset-aws-session',
  'cleanrooms.profile': 'reset-aws-session',
  'cleanrooms.endpoint': 'reset-aws-session',
  'cleanrooms.dp.subqueries': 'server-pulls',
  'cleanrooms.dp.overflowWarnings': 'server-pulls',
  'cleanrooms.enableForSqlFiles': 'restart-server',
  'cleanrooms.trace.server': 'language-client',
  'cleanrooms.s3Endpoint': 'read-on-use',
  'cleanrooms.results.s3Bucket': 'read-on-use',
  'cleanrooms.results.s3KeyPrefix': 'read-on-use',
};

/** The effects a configuration change calls for, given a test of which settings it touched. */
export function effectsOf(affects: (setting: string) => boolean): Set<SettingEffect> {
  const out = new Set<SettingEffect>();
  for (const [setting, effect] of Object.entries(SETTING_EFFECTS))
    if (affects(setting)) out.add(effect);
  return out;
}
