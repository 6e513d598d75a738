// Every `cleanrooms.*` setting is read here, typed, in one place (the schema is in package.json).
import * as vscode from 'vscode';
import {
  DEFAULT_SERVER_SETTINGS,
  type ServerSettings,
  type SubqueryPolicy,
} from '../../common/settings';

export interface Settings {
  /** Custom Clean Rooms endpoint (e.g. a local emulator); empty for the AWS default. Machine scope only. */
  endpoint: string;
  /** Shared-config profile; empty for the default credential chain. */
  profile: string;
  /** Empty when unset: the session then resolves it as the CLI does (aws/session.ts resolveSession). */
  region: string;
  subqueries: SubqueryPolicy;
  /** Report DP044 (run-time overflow/cast risk) as a warning rather than a hint. */
  overflowWarnings: boolean;
  /** Run the language server on plain `.sql` files too. */
  enableForSqlFiles: boolean;
  /** Custom S3 endpoint for downloading results (the emulator's URL); empty for AWS. Machine scope only. */
  s3Endpoint: string;
  /** Where Run Analysis Template asks Clean Rooms to write results; empty until asked once. User settings only. */
  resultsBucket: string;
  resultsKeyPrefix: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('cleanrooms');
  const subqueries = c.get<unknown>('dp.subqueries');
  return {
    endpoint: machineText(c, 'endpoint'),
    profile: machineText(c, 'profile'),
    region: machineText(c, 'region'),
    subqueries:
      subqueries === 'strict' || subqueries === 'current-docs'
        ? subqueries
        : DEFAULT_SERVER_SETTINGS.subqueries,
    overflowWarnings: c.get<unknown>('dp.overflowWarnings') === true,
    enableForSqlFiles: c.get<unknown>('enableForSqlFiles') === true,
    s3Endpoint: machineText(c, 's3Endpoint'),
    resultsBucket: machineText(c, 'results.s3Bucket'),
    resultsKeyPrefix: machineText(c, 'results.s3KeyPrefix'),
  };
}

/** What the language server needs of the settings. */
export function serverSettings(s: Settings): ServerSettings {
  return { subqueries: s.subqueries, overflowWarnings: s.overflowWarnings };
}

/**
 * A machine-scoped value from user or default settings only: a workspace must not be able to
 * redirect signed requests, even if VS Code would let an older workspace file set it.
 */
function machineValue(c: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = c.inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** Profile and region choose the account and place that create and delete act on: user settings only. */
function machineText(c: vscode.WorkspaceConfiguration, key: string): string {
  const v = machineValue(c, key);
  return typeof v === 'string' ? v.trim() : '';
}
