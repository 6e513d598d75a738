// What the status bar, the CodeLens line and the reasons quick pick say about a template's verdict:
// plain functions of (server state, latest verdict), no vscode, so every wording is unit-tested.
import type { LocalDiagnostic, VerdictParams } from '../../common/protocol';
import { SCHEMA_FILE_NAME } from '../../common/schemaFile';

export type ServerState = 'starting' | 'running' | 'stopped';

/** Colour of the status item: ok (none), error and warning backgrounds. */
export type Tone = 'ok' | 'error' | 'warning' | 'neutral';

export interface StatusView {
  text: string;
  tooltip: string;
  tone: Tone;
  /** What clicking the item does. */
  click: 'reasons' | 'restart' | 'none';
}

export type VerdictAction = 'refreshSchema' | 'createSchemaFile';

export interface LensView {
  title: string;
  tooltip: string;
  actions: VerdictAction[];
}

const MAX_TOOLTIP_REASONS = 8;
const MAX_MESSAGE = 120;

export function statusView(state: ServerState, verdict: VerdictParams | undefined): StatusView {
  if (state === 'stopped') {
    return {
      text: '$(debug-disconnect) DP: server not running',
      tooltip:
        'The Clean Rooms language server is not running, so there is no verdict.\nClick to restart it (its log is the "Clean Rooms" output channel).',
      tone: 'warning',
      click: 'restart',
    };
  }
  if (state === 'starting')
    return {
      text: '$(loading~spin) DP: starting…',
      tooltip: 'The Clean Rooms language server is starting; the verdict follows.',
      tone: 'neutral',
      click: 'none',
    };
  if (!verdict)
    return {
      text: '$(loading~spin) DP: checking…',
      tooltip: 'Checking this template…',
      tone: 'neutral',
      click: 'none',
    };

  const listed = reasonList(verdict.reasons);
  switch (kindOf(verdict)) {
    case 'valid':
      return {
        text: '$(pass) DP: VALID',
        tooltip: [
          'Differential-privacy verdict: VALID',
          'AWS Clean Rooms would accept this query on differential-privacy tables (checked locally, as you type).',
          ...(listed ? ['', 'Not part of the verdict, but Create would fail:', listed] : []),
          '',
          listed ? 'Click to go to each.' : 'Click to open Problems.',
        ].join('\n'),
        tone: 'ok',
        click: 'reasons',
      };
    case 'invalid':
      return {
        text: `$(error) DP: INVALID · ${verdict.errors}`,
        tooltip: [
          'Differential-privacy verdict: INVALID',
          `AWS Clean Rooms would reject this template: ${plural(verdict.errors, 'error')}.`,
          listed,
          '',
          'Click to go to each.',
        ].join('\n'),
        tone: 'error',
        click: 'reasons',
      };
    case 'noSchema':
      return {
        text: '$(warning) DP: NO SCHEMA FILE',
        tooltip: [
          'Differential-privacy verdict: UNABLE TO VALIDATE',
          noSchemaSentence(verdict),
          '',
          `Click to run "Clean Rooms: Refresh Schema" or create a starter ${SCHEMA_FILE_NAME}.`,
        ].join('\n'),
        tone: 'warning',
        click: 'reasons',
      };
    case 'unable':
      return {
        text: '$(question) DP: UNABLE TO VALIDATE',
        tooltip: [
          'Differential-privacy verdict: UNABLE TO VALIDATE',
          'Part of the query could not be checked:',
          listed,
          '',
          'Click to go to each.',
        ].join('\n'),
        tone: 'warning',
        click: 'reasons',
      };
  }
}

/**
 * The line at the top of the editor: the verdict, the first reason, and the fixes for a missing
 * schema. `onDisk`: the template is a saved file (see verdictActions).
 */
export function lensView(verdict: VerdictParams, onDisk = true): LensView {
  const first = verdict.reasons[0];
  const actions = verdictActions(verdict, onDisk);
  switch (kindOf(verdict)) {
    case 'valid':
      return {
        title: '$(pass) DP: VALID',
        tooltip:
          'AWS Clean Rooms would accept this query on differential-privacy tables. Click for details.',
        actions,
      };
    case 'invalid':
      return {
        title: `$(error) DP: INVALID · ${verdict.errors}${first ? ` — ${first.code}: ${shorten(first.message, 80)}` : ''}`,
        tooltip: 'Click to go to each error.',
        actions,
      };
    case 'noSchema':
      return {
        title: `$(warning) DP: UNABLE TO VALIDATE — no ${SCHEMA_FILE_NAME}`,
        tooltip: noSchemaSentence(verdict),
        actions,
      };
    case 'unable': {
      // Unknown tables are the usual cause; otherwise the first warning is the best guess.
      const tables = verdict.unknownTables;
      const why = tables.length
        ? `not in ${SCHEMA_FILE_NAME}: ${tables.join(', ')}`
        : first
          ? `${first.code}: ${shorten(first.message, 80)}`
          : '';
      return {
        title: `$(question) DP: UNABLE TO VALIDATE${why ? ` — ${why}` : ''}`,
        tooltip: 'Click to go to each reason.',
        actions,
      };
    }
  }
}

/**
 * Refresh Schema when tables are unknown; a starter file only when there is no schema file at all
 * and the template is saved on disk (an untitled one has no folder to put it beside).
 */
export function verdictActions(verdict: VerdictParams, onDisk = true): VerdictAction[] {
  if (verdict.verdict !== 'UNABLE_TO_VALIDATE') return [];
  const actions: VerdictAction[] = [];
  if (!verdict.schemaFound || verdict.unknownTables.length) actions.push('refreshSchema');
  if (!verdict.schemaFound && onDisk) actions.push('createSchemaFile');
  return actions;
}

export const ACTION_TITLES: Record<VerdictAction, string> = {
  refreshSchema: 'Refresh Schema from AWS',
  createSchemaFile: `Create ${SCHEMA_FILE_NAME}`,
};

export type PickTarget =
  | { kind: 'reason'; reason: LocalDiagnostic }
  | { kind: 'action'; action: VerdictAction }
  | { kind: 'problems' };

export interface PickView {
  label: string;
  description?: string;
  detail?: string;
  target: PickTarget;
}

/** The rows of the reasons quick pick: the fixes for a missing schema first, then each reason, then Problems. */
export function verdictPicks(verdict: VerdictParams, onDisk = true): PickView[] {
  return [
    ...verdictActions(verdict, onDisk).map((action): PickView => ({
      label: `$(${action === 'refreshSchema' ? 'cloud-download' : 'new-file'}) ${ACTION_TITLES[action]}`,
      target: { kind: 'action', action },
    })),
    ...verdict.reasons.map((reason): PickView => ({
      label: `$(${reason.severity === 'error' ? 'error' : 'warning'}) ${reason.code}`,
      description: `Ln ${reason.range.start.line + 1}, Col ${reason.range.start.character + 1}`,
      detail: reason.message,
      target: { kind: 'reason', reason },
    })),
    { label: '$(list-flat) Open Problems', target: { kind: 'problems' } },
  ];
}

type Kind = 'valid' | 'invalid' | 'noSchema' | 'unable';

function kindOf(verdict: VerdictParams): Kind {
  if (verdict.verdict === 'VALID') return 'valid';
  if (verdict.verdict === 'INVALID') return 'invalid';
  return verdict.schemaFound ? 'unable' : 'noSchema';
}

function noSchemaSentence(verdict: VerdictParams): string {
  const tables = verdict.unknownTables;
  const unknown = tables.length
    ? `whether ${tables.join(', ')} ${tables.length === 1 ? 'has' : 'have'} differential privacy is unknown`
    : "the tables' differential-privacy settings are unknown";
  return `No ${SCHEMA_FILE_NAME} was found in the template's folder or above, so ${unknown}.`;
}

function reasonList(reasons: LocalDiagnostic[]): string {
  const lines = reasons
    .slice(0, MAX_TOOLTIP_REASONS)
    .map((r) => `• Ln ${r.range.start.line + 1}: ${r.code} ${shorten(r.message, MAX_MESSAGE)}`);
  if (reasons.length > MAX_TOOLTIP_REASONS)
    lines.push(`… and ${reasons.length - MAX_TOOLTIP_REASONS} more`);
  return lines.join('\n');
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
