// When diagnostics are pushed and which are sent again: pushes are coalesced per document, so a
// burst of edits is analysed once, and an unchanged list is not re-sent.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';

/**
 * Remembers what was last published per URI, so a re-run that changes nothing (a schema or
 * settings change that does not touch this template) is not sent again. Every new version is
 * still published: clients wait for the version they sent.
 */
export function createPublishedLists(): {
  changed(uri: string, version: number | undefined, list: LspDiagnostic[]): boolean;
  forget(uri: string): void;
} {
  const last = new Map<string, { version: number | undefined; list: LspDiagnostic[] }>();
  return {
    changed(uri, version, list) {
      const before = last.get(uri);
      // Compared only for a re-run of the same version, so typing pays nothing for it.
      if (
        before &&
        before.version === version &&
        JSON.stringify(before.list) === JSON.stringify(list)
      )
        return false;
      last.set(uri, { version, list });
      return true;
    },
    forget: (uri) => void last.delete(uri),
  };
}

export interface PushScheduler {
  /**
   * Run `publish(uri)` once the messages already read from the client are handled, replacing any
   * run already pending for `uri`.
   */
  schedule(uri: string): void;
  cancel(uri: string): void;
}

/**
 * The JSON-RPC connection handles one queued message per event-loop turn (setImmediate). Waiting
 * two turns lets the next queued message, if any, run first: a burst of edits that piled up behind
 * a long analysis is analysed once, at its newest version, and a lone edit waits no fixed delay.
 */
export function createPushScheduler(publish: (uri: string) => void): PushScheduler {
  const pending = new Map<string, NodeJS.Immediate>();
  const cancel = (uri: string) => {
    const immediate = pending.get(uri);
    if (immediate) clearImmediate(immediate);
    pending.delete(uri);
  };
  return {
    schedule(uri) {
      cancel(uri);
      pending.set(
        uri,
        setImmediate(() =>
          pending.set(
            uri,
            setImmediate(() => {
              pending.delete(uri);
              publish(uri);
            }),
          ),
        ),
      );
    },
    cancel,
  };
}
