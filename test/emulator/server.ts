// A local AWS Clean Rooms (restJson1) that the real SDK talks to through a custom endpoint.
// Listens on 127.0.0.1 only. Admin routes under /__admin/ are unsigned and never fault:
//   GET  /__admin/state   the current state (collaborations, memberships, schemas, templates, budget templates)
//   POST /__admin/faults  body FaultConfig: replaces the faults and restarts the call counter
//   POST /__admin/reset   restores the seed, clears faults and the call counter
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature } from './auth';
import {
  accessDenied,
  errorBody,
  internalError,
  ServiceError,
  throttled,
  validationError,
} from './errors';
import { faultFor, parseFaults, type FaultConfig } from './faults';
import { matchRoute } from './routes';
import { handleS3, isS3Request } from './s3';
import { loadSeed, type Seed } from './seed';
import { createState, type EmulatorState } from './state';

export { EMULATOR_CREDENTIALS } from './auth';
export type { FaultConfig } from './faults';
export type { EmulatorState, StoredTemplate } from './state';
export * from './seed';

export interface Emulator {
  url: string;
  port: number;
  /** Live state: tests may read it (and, for setup, change it). */
  readonly state: EmulatorState;
  setFaults(f: FaultConfig): void;
  /** Restores the seed and clears faults, as POST /__admin/reset does. */
  reset(): void;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** A seed object or the path of a seed JSON file; empty state when absent. */
  seed?: Seed | string;
  faults?: FaultConfig;
  /** One line per request: method, path, status, duration. Never headers or bodies. */
  log?: (line: string) => void;
}

/** Room for a 500,000-character template text even when JSON escapes every character. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const seed = loadSeed(
    opts.seed ?? { collaborations: [], memberships: [], schemas: [], templates: [] },
  );
  let state = createState(seed);
  let faults: FaultConfig = { ...opts.faults };
  let calls = 0;
  const log = opts.log ?? (() => {});

  const reset = () => {
    state = createState(seed);
    faults = {};
    calls = 0;
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () =>
      log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`),
    );
    handle(req, res).catch((error: unknown) => {
      log(
        `${req.method} ${req.url} handler error: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) sendError(res, internalError());
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // S3 requests (signed for service s3) carry raw object bytes: s3.ts reads them itself.
    if (!url.pathname.startsWith('/__admin/') && isS3Request(req.headers))
      return handleS3(state, req, res);
    const rawBody = await readBody(req);
    if (url.pathname.startsWith('/__admin/'))
      return admin(req.method ?? 'GET', url.pathname, rawBody, res);

    calls++;
    const fault = faultFor(faults, calls);
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (fault === 'drop') {
      log(`${req.method} ${req.url} dropped (call ${calls})`);
      req.socket.destroy();
      return;
    }
    if (fault === 'throttle') return sendError(res, throttled());
    if (fault === 'fail') return sendError(res, internalError());

    const denied = checkSignature(req.headers);
    if (denied) return sendError(res, denied);

    const match = matchRoute(req.method ?? 'GET', url.pathname);
    if (!match) {
      return sendError(
        res,
        new ServiceError(
          { type: 'UnknownOperationException', status: 404, members: {} },
          `No operation for ${req.method} ${url.pathname}.`,
        ),
      );
    }
    const action = `cleanrooms:${match.route.operation}`;
    if (state.deniedActions.has(action)) {
      return sendError(
        res,
        accessDenied(
          `User: arn:aws:iam::${state.accountId}:user/emulator is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
        ),
      );
    }
    try {
      const body = parseJsonObject(rawBody);
      const out = match.route.handle({
        state,
        faults,
        params: match.params,
        query: url.searchParams,
        body,
      });
      if (out.status === 204 || out.body === undefined) {
        res.writeHead(out.status, { 'x-amzn-requestid': randomUUID() }).end();
      } else {
        sendJson(res, out.status, out.body);
      }
    } catch (error) {
      if (error instanceof ServiceError) return sendError(res, error);
      throw error;
    }
  }

  function admin(method: string, path: string, rawBody: string, res: ServerResponse): void {
    try {
      if (method === 'GET' && path === '/__admin/state')
        return sendJson(res, 200, snapshot(state, faults, calls));
      if (method === 'POST' && path === '/__admin/faults') {
        faults = parseFaults(rawBody.trim() === '' ? {} : JSON.parse(rawBody));
        calls = 0;
        return sendJson(res, 200, { faults });
      }
      if (method === 'POST' && path === '/__admin/reset') {
        reset();
        return sendJson(res, 200, { reset: true });
      }
      sendJson(res, 404, {
        message: `No admin route ${method} ${path}. Routes: GET /__admin/state, POST /__admin/faults, POST /__admin/reset.`,
      });
    } catch (error) {
      sendJson(res, 400, { message: error instanceof Error ? error.message : String(error) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get state() {
      return state;
    },
    setFaults(f: FaultConfig) {
      faults = parseFaults(f);
      calls = 0;
    },
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw validationError([{ name: 'body', message: 'The request body is not valid JSON.' }]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError([{ name: 'body', message: 'The request body must be a JSON object.' }]);
  }
  return value as Record<string, unknown>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ServiceError): void {
  const text = errorBody(error);
  res.writeHead(error.shape.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    'x-amzn-errortype': error.shape.type,
  });
  res.end(text);
}

function snapshot(state: EmulatorState, faults: FaultConfig, calls: number) {
  return {
    accountId: state.accountId,
    region: state.region,
    templateQuota: state.templateQuota,
    faults,
    calls,
    collaborations: [...state.collaborations.values()],
    memberships: [...state.memberships.values()],
    schemas: [...state.schemas.values()].flat(),
    templates: [...state.templates.values()],
    privacyBudgetTemplates: [...state.privacyBudgetTemplates.values()],
  };
}
