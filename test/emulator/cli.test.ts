// `npm run emulator -- --port 0 ...` prints its URL and serves the demo seed with the faults asked for.
import { ListCollaborationsCommand, ThrottlingException } from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { clientFor, thrown } from './harness';
import { EMULATOR_CREDENTIALS, type Emulator } from './server';

const ROOT = join(__dirname, '..', '..');

function runEmulator(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  // Detached: npm starts a shell and tsx beneath it; the whole group is ended by our child's pid.
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until the output matches `pattern` (the child writes asynchronously); returns the match. */
async function waitFor(
  output: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = pattern.exec(output());
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Output did not match ${pattern} within ${timeoutMs} ms. Output:\n${output()}`);
}

describe('npm run emulator', () => {
  it('prints the URL, serves the demo seed, applies --throttle-every and never logs credentials', async () => {
    const run = runEmulator(['--port', '0', '--throttle-every', '2']);
    try {
      const [, url] = await waitFor(run.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
      const client = clientFor({ url } as Emulator, { maxAttempts: 1 });
      try {
        const out = await client.send(new ListCollaborationsCommand({}));
        assert.deepEqual(
          out.collaborationList?.map((c) => c.name),
          ['SocialCo x Athletic Brand', 'Retail loyalty'],
        );
        const error = await thrown(() => client.send(new ListCollaborationsCommand({})));
        assert.ok(error instanceof ThrottlingException);
      } finally {
        client.destroy();
      }
      await waitFor(
        run.output,
        /GET \/collaborations 200 .*\n(.*\n)*GET \/collaborations 429/,
        5_000,
      );
      assert.ok(!run.output().includes(EMULATOR_CREDENTIALS.secretAccessKey));
      assert.ok(!run.output().includes(EMULATOR_CREDENTIALS.accessKeyId));
      assert.ok(!/AWS4-HMAC-SHA256|Signature=/.test(run.output()));
    } finally {
      process.kill(-run.child.pid!, 'SIGTERM');
      await run.exited;
    }
  });

  it('rejects an unknown option with the usage and exit code 2', async () => {
    const run = runEmulator(['--port', '0', '--frobnicate', '1']);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      run.exited,
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 30_000))),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') process.kill(-run.child.pid!, 'SIGTERM');
    assert.equal(code, 2);
    assert.match(run.output(), /Unknown option --frobnicate/);
    assert.match(run.output(), /Usage: npm run emulator --/);
  });
});
