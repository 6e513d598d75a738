// Entry point of the extension-host suite: VS Code loads this file (bundled) as extensionTestsPath
// and calls run(). Not run by `node --test` (no *.test.ts name): it needs the `vscode` module.
import { awsTests } from './aws';
import { awsKindTests } from './awsKinds';
import { editorTests } from './editor';
import { runSuite } from './runner';
import { serverRestartTests } from './serverRestart';
import { treePagingTests } from './treePaging';

export async function run(): Promise<void> {
  await runSuite([
    ...editorTests,
    ...awsTests,
    ...awsKindTests,
    ...treePagingTests,
    ...serverRestartTests,
  ]);
}
