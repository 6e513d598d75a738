// Where a diagnostic code is explained for readers outside the editor: its section of
// docs/diagnostics.md in the published repository (package.json's `repository`, the same base
// vsce uses for the Marketplace README).
import { repository, version } from '../../../package.json';

const repositoryUrl = repository.url.replace(/\.git$/, '');

export const TOOL_VERSION = version;
export const TOOL_HOME = repositoryUrl;

export function diagnosticHelpUri(code: string): string {
  return `${repositoryUrl}/blob/HEAD/docs/diagnostics.md#${code.toLowerCase()}`;
}
