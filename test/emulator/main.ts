// `npm run emulator -- --port N [--seed FILE] [--throttle-every N] [--fail-every N]
//  [--latency MS] [--drop-every N] [--time-out-query-every N] [--fail-query-every N] [--quiet]`:
//  starts the local Clean Rooms and prints its URL.
import { join, resolve } from 'node:path';
import { parseFaults, type FaultConfig } from './faults';
import { startEmulator } from './server';

const USAGE =
  'Usage: npm run emulator -- [--port N] [--seed FILE] [--throttle-every N] [--fail-every N] [--latency MS] [--drop-every N] [--time-out-query-every N] [--fail-query-every N] [--quiet]';

interface Args {
  port: number;
  seed: string;
  faults: FaultConfig;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    port: 4599,
    seed: join(__dirname, 'seeds', 'demo.json'),
    faults: {},
    quiet: false,
  };
  const faultFlags: Record<string, keyof FaultConfig> = {
    '--throttle-every': 'throttleEvery',
    '--fail-every': 'failEvery',
    '--latency': 'latencyMs',
    '--drop-every': 'dropEvery',
    '--time-out-query-every': 'timeOutQueryEvery',
    '--fail-query-every': 'failQueryEvery',
  };
  const faults: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--quiet') {
      args.quiet = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    // npm runs scripts from the package root; a relative --seed means relative to where the user typed it.
    if (flag === '--seed') args.seed = resolve(process.env.INIT_CWD ?? process.cwd(), value);
    else if (flag === '--port') args.port = integer(flag, value);
    else if (faultFlags[flag]) faults[faultFlags[flag]] = integer(flag, value);
    else throw new Error(`Unknown option ${flag}.`);
  }
  args.faults = parseFaults(faults);
  return args;
}

function integer(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${flag} must be a non-negative integer, got "${value}".`);
  return n;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port: args.port,
    seed: args.seed,
    faults: args.faults,
    ...(args.quiet ? {} : { log: (line: string) => console.error(line) }),
  });
  console.log(`Clean Rooms emulator listening on ${emulator.url}`);
  console.log(
    `Seed: ${args.seed}. Point the SDK (or the cleanrooms.endpoint setting) at ${emulator.url}; any SigV4-signed request is accepted.`,
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(
    `Emulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
