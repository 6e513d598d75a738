// Every handler runs through guard(): an internal error is logged and answered with a neutral
// result, so one bad input never takes the server (or the user's editor session) down.
import { ResponseError } from 'vscode-languageserver';

export type Log = (message: string) => void;

export function guard<A extends unknown[], R>(
  log: Log,
  name: string,
  fallback: R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      // A ResponseError is a deliberate answer (e.g. "not a valid parameter name"), not a failure.
      if (e instanceof ResponseError) throw e;
      log(`${name} failed: ${describe(e)}`);
      return fallback;
    }
  };
}

export function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
