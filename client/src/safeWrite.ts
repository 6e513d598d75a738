// Writes generated text (a fetched template, a refreshed schema) to a workspace file without
// ever replacing different or unsaved content silently: the user is asked, and can see a diff
// first against a read-only virtual document holding the new text. Never through a symbolic
// link and never outside the workspace folder (writeGuard.ts): such a target is refused.
import * as vscode from 'vscode';
import { dirname } from 'node:path';
import { refusalFor, writeInsideRoot, WriteRefused } from './writeGuard';

const PROPOSED_SCHEME = 'cleanrooms-proposed';

const proposed = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/** Serves the virtual documents that diffs show on their right side. */
export function registerProposedContent(): vscode.Disposable {
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => proposed.get(uri.toString()) ?? '',
    }),
  );
}

export type WriteOutcome = 'written' | 'unchanged' | 'cancelled';

/**
 * Puts `text` into `target`. A missing file is created; identical content is left alone; an
 * open document with unsaved edits or a file with other content is replaced only after the
 * user says so (offering a diff). Replacing goes through the open document when there is
 * one, so it stays undoable.
 */
export async function writeWithConsent(
  target: vscode.Uri,
  text: string,
  what: string,
): Promise<WriteOutcome> {
  const root = writeRoot(target);
  await refuseUnsafe(target, root);
  const name = target.path.split('/').pop() ?? target.path;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const current = open ? open.getText() : await readIfExists(target);

  if (current === text && !open?.isDirty) return 'unchanged';
  if (current !== undefined && current !== text) {
    const reason = open?.isDirty
      ? `${name} has unsaved changes`
      : `${name} already exists with different content`;
    if (!(await confirmReplace(target, text, `${reason}. Replace it with ${what}?`)))
      return 'cancelled';
  }

  // Looked up again: showing the diff may have opened the file as a document meanwhile, and
  // writing to disk behind an open document would leave it stale or conflicting.
  const openNow = vscode.workspace.textDocuments.find(
    (d) => d.uri.toString() === target.toString(),
  );
  if (openNow) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      target,
      new vscode.Range(openNow.positionAt(0), openNow.positionAt(openNow.getText().length)),
      text,
    );
    if (!(await vscode.workspace.applyEdit(edit))) return 'cancelled';
    await openNow.save();
  } else if (target.scheme === 'file') {
    await writeInsideRoot(target.fsPath, text, root.fsPath).catch(explainRefusal);
  } else {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  }
  return 'written';
}

/**
 * The folder a write must stay in: the target's workspace folder; with no folder open, the folder
 * the user picked (the target's own). A target outside every open workspace folder has none.
 */
function writeRoot(target: vscode.Uri): vscode.Uri {
  const owner = vscode.workspace.getWorkspaceFolder(target);
  if (owner) return owner.uri;
  if (vscode.workspace.workspaceFolders?.length)
    throw refused(`${target.fsPath} is outside the workspace folders`);
  return target.with({ path: dirname(target.path) });
}

async function refuseUnsafe(target: vscode.Uri, root: vscode.Uri): Promise<void> {
  if (target.scheme === 'file') {
    const reason = await refusalFor(target.fsPath, root.fsPath);
    if (reason) throw refused(reason);
    return;
  }
  // Other file systems (remote, virtual): what VS Code can tell about the target itself.
  const stat = await Promise.resolve(vscode.workspace.fs.stat(target)).catch(() => undefined);
  if (stat && stat.type & vscode.FileType.SymbolicLink)
    throw refused(`${target.toString()} is a symbolic link`);
}

function refused(reason: string): WriteRefused {
  return new WriteRefused(
    `not written: ${reason}. Text from AWS is never written through a symbolic link or outside the workspace folder; remove the link or use another folder.`,
  );
}

function explainRefusal(e: unknown): never {
  throw e instanceof WriteRefused ? refused(e.message) : e;
}

async function confirmReplace(
  target: vscode.Uri,
  text: string,
  question: string,
): Promise<boolean> {
  const replace = 'Replace';
  const compare = 'Show Differences';
  const first = await vscode.window.showWarningMessage(question, { modal: true }, replace, compare);
  if (first === replace) return true;
  if (first !== compare) return false;
  const right = vscode.Uri.from({
    scheme: PROPOSED_SCHEME,
    path: target.path,
    query: String(Date.now()),
  });
  proposed.set(right.toString(), text);
  changed.fire(right);
  const name = target.path.split('/').pop() ?? target.path;
  await vscode.commands.executeCommand('vscode.diff', target, right, `${name}: yours ↔ from AWS`);
  const second = await vscode.window.showWarningMessage(
    `Replace ${name} with the version from AWS (right side of the diff)?`,
    replace,
    'Keep Mine',
  );
  return second === replace;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
