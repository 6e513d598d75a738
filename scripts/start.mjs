// `npm start`: build, then check the example templates and print their diagnostics.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
if (run(process.execPath, ['esbuild.mjs']) !== 0) process.exit(1);
console.log('Checking the templates in examples/ (the language server shows the same diagnostics live):\n');
run(process.execPath, ['dist/cli.js', 'check', 'examples']);
