// Shared by the emulator tests: the demo seed and an SDK client pointed at an emulator.
import { CleanRoomsClient, type CleanRoomsClientConfig } from '@aws-sdk/client-cleanrooms';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, loadSeed, type Emulator, type Seed } from './server';

export const DEMO_SEED_PATH = join(__dirname, 'seeds', 'demo.json');
export const demoSeed: Seed = loadSeed(DEMO_SEED_PATH);

/** Headers of a well-formed SigV4 request, for raw `fetch` calls the SDK would never send. */
export const FAKE_SIGNED_HEADERS = {
  authorization: `AWS4-HMAC-SHA256 Credential=AKIAEMULATOREXAMPLE/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20260101T000000Z',
};

export function clientFor(
  emu: Emulator,
  config: Partial<CleanRoomsClientConfig> = {},
): CleanRoomsClient {
  return new CleanRoomsClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    ...config,
  });
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function thrown(
  fn: () => Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to throw.');
}
