// The architecture's arrows, as eslint.config.mjs enforces them: each forbidden import is
// reported in the file where it would break the arrow, and the allowed ones are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function restricted(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

const cases: [file: string, source: string, forbidden: boolean][] = [
  ['server/src/core/analyze.ts', "import { x } from '../features/hover';", true],
  ['server/src/core/analyze.ts', "import { x } from '../cli';", true],
  ['server/src/core/analyze.ts', "import { x } from './sql/model';", false],
  ['server/src/core/analyze.ts', "import { x } from '../../../common/protocol';", false],
  ['server/src/core/sql/build.ts', "import { x } from '../../report/sarif';", true],
  ['server/src/core/sql/build.ts', "import { x } from '../types';", false],
  ['server/src/core/rules/dp/final.ts', "import { x } from '../../../session/analysis';", true],
  ['server/src/core/rules/dp/final.ts', "import { x } from '../../sql/model';", false],
  [
    'server/src/core/rules/dp/final.ts',
    "import { x } from '../../../../../common/settings';",
    false,
  ],
  ['server/src/core/schema/parse.ts', "import { readFileSync as x } from 'node:fs';", true],
  ['server/src/core/schema/parse.ts', "import { join as x } from 'node:path';", false],
  ['server/src/core/text.ts', "import { TextDocuments as x } from 'vscode-languageserver';", true],
  ['server/src/features/hover.ts', "import * as x from 'vscode';", true],
  ['server/src/features/hover.ts', "import { x } from '../../../client/src/settings';", true],
  ['server/src/features/hover.ts', "import { readFile as x } from 'node:fs/promises';", true],
  ['server/src/features/hover.ts', "import { x } from '../safeRead';", true],
  ['server/src/features/hover.ts', "import type { x } from '../session/analysis';", false],
  [
    'server/src/session/schemaWorker.ts',
    "import { readFile as x } from 'node:fs/promises';",
    false,
  ],
  ['server/src/session/analysis.ts', "import * as x from 'vscode';", true],
  ['client/src/extension.ts', "import { x } from '../../server/src/core/analyze';", true],
  ['client/src/commands/fetchTemplate.ts', "import { x } from '../../../server/src/cli';", true],
  ['client/src/extension.ts', "import { x } from '../../common/protocol';", false],
  ['client/src/extension.ts', "import * as x from 'vscode';", false],
  ['client/src/aws/session.ts', "import * as x from 'vscode';", true],
  ['client/src/aws/session.ts', "import { x } from './errors';", false],
  ['client/src/local/engine.ts', "import * as x from 'vscode';", true],
  ['client/src/local/engine.ts', "import { x } from '../aws/parameterValues';", false],
  ['common/protocol.ts', "import { x } from '../server/src/core/types';", true],
  ['common/protocol.ts', "import { x } from './settings';", false],
];

for (const [file, source, forbidden] of cases) {
  test(`${file}: ${source} is ${forbidden ? 'forbidden' : 'allowed'}`, async () => {
    assert.equal(await restricted(file, source), forbidden);
  });
}
