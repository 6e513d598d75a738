// Which documents the language server analyses. Files and unsaved editors only: the other side of
// a diff (Fetch's "from AWS" text, git's versions) is not the user's template and must not get
// diagnostics under the same file name. Pure (type imports only), so it is unit-tested.
import type { TextDocumentFilter } from 'vscode-languageclient';

export const SCHEMA_GLOB = '**/cleanrooms.schema.json';

export function documentSelector(enableForSqlFiles: boolean): TextDocumentFilter[] {
  return [
    { language: 'cleanrooms-sql', scheme: 'file' },
    { language: 'cleanrooms-sql', scheme: 'untitled' },
    ...(enableForSqlFiles ? [{ language: 'sql', scheme: 'file' }] : []),
    // So the server can publish diagnostics on the schema file while the user edits it.
    { scheme: 'file', pattern: SCHEMA_GLOB },
  ];
}
