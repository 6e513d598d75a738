// Shared by the emulator tests: the demo seed and an SDK client pointed at an emulator.
import { CleanRoomsClient, type CleanRoomsClientConfig } from '@aws-sdk/client-cleanrooms';
import { join } from 'node:path';
import { EMULATOR_CREDENTIALS, loadSeed, type Emulator, type Seed } from './server';

export const DEMO_SEED_PATH = join(__dirname, 'seeds', 'demo.json');
export const demoSeed: Seed = loadSeed(DEMO_SEED_PATH);

export function clientFor(emu: Emulator, config: Partial<CleanRoomsClientConfig> = {}): CleanRoomsClient {
  return new CleanRoomsClient({ endpoint: emu.url, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS, ...config });
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to throw.');
}
