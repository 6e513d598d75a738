// Fault injection: every Nth service call is throttled, fails with a 500 or loses its connection;
// every call can be delayed. One counter over all service calls (admin calls are not counted).
// Query outcomes: every Nth protected query started ends TIMED_OUT or FAILED (with the service's
// error shape) instead of running, counted over the queries since the emulator started or reset.
export interface FaultConfig {
  throttleEvery?: number;
  failEvery?: number;
  latencyMs?: number;
  dropEvery?: number;
  timeOutQueryEvery?: number;
  failQueryEvery?: number;
}

const KEYS = [
  'throttleEvery',
  'failEvery',
  'latencyMs',
  'dropEvery',
  'timeOutQueryEvery',
  'failQueryEvery',
];

export type Fault = 'drop' | 'throttle' | 'fail' | undefined;

const every = (n: number | undefined, call: number) => n !== undefined && n > 0 && call % n === 0;

/** How the `query`-th protected query (1-based) ends by fault, if it does; time-out wins. */
export function queryFaultFor(
  config: FaultConfig,
  query: number,
): 'TIMED_OUT' | 'FAILED' | undefined {
  if (every(config.timeOutQueryEvery, query)) return 'TIMED_OUT';
  if (every(config.failQueryEvery, query)) return 'FAILED';
  return undefined;
}

/** Which fault (if any) applies to the `call`-th service call (1-based); drop wins, then throttle. */
export function faultFor(config: FaultConfig, call: number): Fault {
  if (every(config.dropEvery, call)) return 'drop';
  if (every(config.throttleEvery, call)) return 'throttle';
  if (every(config.failEvery, call)) return 'fail';
  return undefined;
}

/** Validates a fault config from JSON or CLI input; throws with a message naming the bad key. */
export function parseFaults(value: unknown): FaultConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('Faults must be a JSON object.');
  const out: FaultConfig = {};
  for (const [key, v] of Object.entries(value)) {
    if (!KEYS.includes(key)) throw new Error(`Unknown fault "${key}". Known: ${KEYS.join(', ')}.`);
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      throw new Error(`Fault "${key}" must be a non-negative integer.`);
    out[key as keyof FaultConfig] = v;
  }
  return out;
}
