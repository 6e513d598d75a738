// A language server that dies is restarted by the client, and the new server serves the documents
// that were open: kill -9 the extension host's own dist/server.js child, wait for its successor,
// then edit and expect the successor's diagnostics.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { poll } from '../e2e/poll';
import type { TestCase } from './runner';
import { diagnosticsWith, openTemplate, rangeOf, revert, show } from './util';

function parentOf(pid: number): number | undefined {
  try {
    // Field 4 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function descendsFrom(pid: number, ancestor: number): boolean {
  for (
    let p: number | undefined = pid, hops = 0;
    p && p > 1 && hops < 32;
    p = parentOf(p), hops++
  ) {
    if (p === ancestor) return true;
  }
  return false;
}

/** Pids of dist/server.js processes started by this extension host (not other sessions' servers). */
function languageServerPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.some((a) => a.endsWith('/dist/server.js')) && descendsFrom(pid, process.pid);
      } catch {
        return false;
      }
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function insertAfter(doc: vscode.TextDocument, needle: string, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, rangeOf(doc, needle).end, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

export const serverRestartTests: TestCase[] = [
  {
    name: 'a killed language server is restarted and the open document gets diagnostics from the new one',
    timeoutMs: 60_000,
    fn: async () => {
      const doc = await openTemplate('unique-reach.cleanrooms.sql');
      try {
        await insertAfter(doc, ':end_date', ' AND campaign_id = :first_missing');
        await poll(
          'PAR001 on :first_missing',
          () => diagnosticsWith(doc.uri, 'PAR001').length === 1,
          { timeoutMs: 30_000 },
        );
        const [old] = await poll(
          'one language server child of this extension host',
          () => {
            const pids = languageServerPids();
            return pids.length === 1 ? pids : undefined;
          },
          { timeoutMs: 10_000 },
        );

        process.kill(old, 'SIGKILL');
        await poll(`server ${old} to exit`, () => !alive(old), { timeoutMs: 5_000 });
        const [successor] = await poll(
          'a new language server',
          () => {
            const pids = languageServerPids();
            return pids.length === 1 && pids[0] !== old ? pids : undefined;
          },
          { timeoutMs: 15_000 },
        );
        assert.notEqual(successor, old);

        // Only a server that has the document open (re-sent by the client) can report this one.
        await insertAfter(doc, ':first_missing', ' AND device_type = :other_missing');
        const found = await poll(
          'PAR001 on :first_missing and :other_missing from the new server',
          () => {
            const d = diagnosticsWith(doc.uri, 'PAR001');
            return d.length === 2 ? d : undefined;
          },
          { timeoutMs: 15_000 },
        );
        assert.deepEqual(
          found.map((d) => show(d.range)).sort(),
          [show(rangeOf(doc, ':first_missing')), show(rangeOf(doc, ':other_missing'))].sort(),
        );
        assert.deepEqual(found.map((d) => d.message).sort(), [
          "Parameter ':first_missing' is not declared. Add `-- @param first_missing VARCHAR` to the header.",
          "Parameter ':other_missing' is not declared. Add `-- @param other_missing VARCHAR` to the header.",
        ]);
        assert.deepEqual(
          languageServerPids(),
          [successor],
          'the successor is still the only server',
        );
      } finally {
        await revert(doc);
      }
    },
  },
];
