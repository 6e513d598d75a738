// Fault injection seen through the SDK's standard retry strategy.
import {
  ListCollaborationsCommand,
  ThrottlingException,
  type CleanRoomsClient,
} from '@aws-sdk/client-cleanrooms';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { clientFor, demoSeed, thrown } from './harness';
import { startEmulator, type Emulator } from './server';

describe('fault injection', () => {
  let emu: Emulator;
  let client: CleanRoomsClient;
  before(async () => {
    emu = await startEmulator({ seed: demoSeed });
    client = clientFor(emu, { maxAttempts: 3 });
  });
  beforeEach(() => emu.reset());
  after(async () => {
    client.destroy();
    await emu.close();
  });

  const list = () => client.send(new ListCollaborationsCommand({}));

  it('a throttling storm (every 2nd call) is retried and every call succeeds', async () => {
    emu.setFaults({ throttleEvery: 2 });
    const attempts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const out = await list();
      assert.equal(out.collaborationList?.length, 2);
      attempts.push(out.$metadata.attempts!);
    }
    // Calls 1..: ok, throttled+retry ok, throttled+retry ok, ...
    assert.deepEqual(attempts, [1, 2, 2, 2]);
  });

  it('when every call is throttled the SDK gives up with a ThrottlingException after maxAttempts', async () => {
    emu.setFaults({ throttleEvery: 1 });
    const small = clientFor(emu, { maxAttempts: 2 });
    try {
      const error = await thrown(() => small.send(new ListCollaborationsCommand({})));
      assert.ok(error instanceof ThrottlingException);
      assert.equal(error.$metadata.httpStatusCode, 429);
      assert.equal(error.$metadata.attempts, 2);
      assert.equal(error.message, 'Rate exceeded');
    } finally {
      small.destroy();
    }
  });

  it('500s are retried', async () => {
    emu.setFaults({ failEvery: 2 });
    await list();
    const out = await list();
    assert.equal(out.$metadata.attempts, 2);
  });

  it('a dropped connection is retried and the call succeeds', async () => {
    emu.setFaults({ dropEvery: 2 });
    await list();
    const out = await list();
    assert.equal(out.collaborationList?.length, 2);
    assert.equal(out.$metadata.attempts, 2);
  });

  it('when every connection drops the SDK fails with a connection error after maxAttempts', async () => {
    emu.setFaults({ dropEvery: 1 });
    const small = clientFor(emu, { maxAttempts: 2 });
    try {
      const error = (await thrown(() => small.send(new ListCollaborationsCommand({})))) as Awaited<
        ReturnType<typeof thrown>
      > & { code?: string };
      assert.equal(error.code, 'ECONNRESET');
      assert.match(error.message, /socket hang up/);
      assert.equal(error.$metadata?.attempts, 2);
    } finally {
      small.destroy();
    }
  });

  it('latency is added to every call', async () => {
    // Wide margins: a call on a loaded CI machine can take a few hundred milliseconds by itself.
    emu.setFaults({ latencyMs: 1500 });
    const started = performance.now();
    await list();
    assert.ok(
      performance.now() - started >= 1495,
      'the call returned before the injected latency elapsed',
    );
    emu.setFaults({});
    const fast = performance.now();
    await list();
    assert.ok(performance.now() - fast < 1495, 'the latency stayed after the faults were cleared');
  });

  it('the admin routes set faults, report state and reset', async () => {
    const set = await fetch(`${emu.url}/__admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttleEvery: 1 }),
    });
    assert.equal(set.status, 200);
    assert.deepEqual(await set.json(), { faults: { throttleEvery: 1 } });
    const small = clientFor(emu, { maxAttempts: 1 });
    try {
      assert.ok(
        (await thrown(() => small.send(new ListCollaborationsCommand({})))) instanceof
          ThrottlingException,
      );
      const state = (await (await fetch(`${emu.url}/__admin/state`)).json()) as {
        faults: unknown;
        calls: number;
        templates: unknown[];
      };
      assert.deepEqual(state.faults, { throttleEvery: 1 });
      assert.equal(state.calls, 1);
      assert.equal(state.templates.length, demoSeed.templates.length);

      const bad = await fetch(`${emu.url}/__admin/faults`, {
        method: 'POST',
        body: JSON.stringify({ throttle: 1 }),
      });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { message: string }).message, /Unknown fault "throttle"/);

      assert.equal((await fetch(`${emu.url}/__admin/reset`, { method: 'POST' })).status, 200);
      const out = await small.send(new ListCollaborationsCommand({}));
      assert.equal(out.$metadata.httpStatusCode, 200);
    } finally {
      small.destroy();
    }
  });
});
