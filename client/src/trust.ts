// Restricted Mode: in a workspace the user has not trusted, no command moves data between AWS and
// the workspace's files. Fetch and Refresh Schema would write your collaboration's SQL and table
// definitions into a folder you have not vetted; Create and Update would send its files to your
// account and write the result back. Diagnostics, completion, hover and the Clean Rooms view
// keep working (README "Restricted Mode").
import * as vscode from 'vscode';

const MANAGE = 'Manage Workspace Trust';

/** True when the workspace is trusted; otherwise says why `operation` is off and returns false. */
export function requireTrustedWorkspace(operation: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `${operation} is off in Restricted Mode: it moves data between AWS and this workspace's files, and you have not trusted this folder. Trust the workspace to use it.`,
      MANAGE,
    )
    .then((pick) => {
      if (pick === MANAGE) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
