// Issue 11's hostile inputs driven through a real language server, measured the same way by
// the robustness tests (which assert bounds) and bench/hostile.ts (which prints before/after
// numbers): how long until the input's diagnostics and verdict arrive, and how long the server
// makes requests on another, small document wait meanwhile.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ANALYZE_METHOD, type LocalVerdict } from '../../common/protocol';
import { fileUri, type LspClient } from '../support/lspClient';
import { EXAMPLES } from './support';

export const PROBE_TEMPLATE = readFileSync(join(EXAMPLES, 'unique-reach.cleanrooms.sql'), 'utf8');
export const GOOD_SCHEMA = readFileSync(join(EXAMPLES, 'cleanrooms.schema.json'), 'utf8');

export interface Probe {
  /** Stops probing; resolves with the longest wait for an answer (a request still open counts as waiting). */
  stop(): Promise<number>;
}

/** Hovers on `uri` every 50 ms, one at a time, timing each answer. */
export function probe(client: LspClient, uri: string): Probe {
  let running = true;
  let worst = 0;
  let pendingSince: number | undefined;
  const loop = (async () => {
    while (running) {
      pendingSince = performance.now();
      await client
        .request(
          'textDocument/hover',
          { textDocument: { uri }, position: { line: 5, character: 10 } },
          600_000,
        )
        .catch(() => undefined);
      worst = Math.max(worst, performance.now() - pendingSince);
      pendingSince = undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      const open = pendingSince === undefined ? 0 : performance.now() - pendingSince;
      await loop;
      return Math.max(worst, open);
    },
  };
}

export async function verdictOf(
  client: LspClient,
  uri: string,
  timeoutMs = 600_000,
): Promise<LocalVerdict> {
  const v = await client.request<LocalVerdict | null>(ANALYZE_METHOD, { uri }, timeoutMs);
  if (!v) throw new Error(`no analysis for ${uri}`);
  return v;
}

export interface Answered {
  /** From didOpen to the document's diagnostics. */
  diagnosticsMs: number;
  verdict: string;
  /** Longest wait of a hover on the probe document meanwhile. */
  probeMaxMs: number;
}

/** Opens `text` as `uri` while probing `probeUri`; times its diagnostics, then asks its verdict. */
export async function openHostile(
  client: LspClient,
  uri: string,
  text: string,
  probeUri: string,
  timeoutMs = 600_000,
): Promise<Answered> {
  const p = probe(client, probeUri);
  const began = performance.now();
  client.open(uri, text, 1);
  const published = await client
    .waitForDiagnostics(uri, (d) => d.version === 1, timeoutMs)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  const diagnosticsMs = performance.now() - began;
  const probeMaxMs = await p.stop();
  if (published) throw published;
  const { verdict } = await verdictOf(client, uri);
  client.close(uri);
  return { diagnosticsMs, verdict, probeMaxMs };
}

/** A schema file of at least `bytes`: filler tables plus the examples' tables (or without socialco_impressions). */
export function schemaOfSize(bytes: number, withImpressions = true): string {
  const good = JSON.parse(GOOD_SCHEMA) as { tables: { name: string }[] };
  const tables = good.tables.filter((t) => withImpressions || t.name !== 'socialco_impressions');
  const filler = {
    name: 'filler_table_000000',
    analysisRuleType: 'CUSTOM',
    columns: [
      { name: 'user_id' },
      { name: 'value', type: 'double' },
      { name: 'note', type: 'string' },
    ],
  };
  const count = Math.max(
    0,
    Math.ceil((bytes - GOOD_SCHEMA.length) / JSON.stringify(filler, null, 2).length),
  );
  const fill = Array.from({ length: count }, (_, i) => ({
    ...filler,
    name: `filler_table_${String(i).padStart(6, '0')}`,
  }));
  return JSON.stringify({ tables: [...fill, ...tables] }, null, 2);
}

export interface Churn {
  writes: number;
  probeMaxMs: number;
  /** From the last write to a verdict that reflects it. */
  settleMs: number;
  verdict: string;
}

/**
 * Rewrites `schemaPath` `rate` times a second for `seconds` (each write announced as a watched-file
 * change), alternating two versions that both declare the template's table; the last write drops
 * that table. A template beside it is open, a probe document elsewhere is hovered meanwhile.
 */
export async function schemaChurn(
  client: LspClient,
  schemaPath: string,
  templateUri: string,
  probeUri: string,
  bytes: number,
  rate: number,
  seconds: number,
): Promise<Churn> {
  const versions = [schemaOfSize(bytes), schemaOfSize(bytes).replace('"CUSTOM"', '"AGGREGATION"')];
  const last = schemaOfSize(bytes, false);
  const schemaUri = fileUri(schemaPath);
  // Asynchronous, so the writes do not stall this process's probe loop and inflate its waits.
  const write = async (text: string) => {
    await writeFile(schemaPath, text);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
  };
  const p = probe(client, probeUri);
  const began = performance.now();
  let writes = 0;
  while (performance.now() - began < seconds * 1000) {
    await write(versions[writes++ % 2]);
    const next = began + (writes * 1000) / rate;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await write(last);
  writes++;
  const lastWrite = performance.now();
  let verdict = '';
  // The newest text must win: poll until the verdict reflects it (the table is gone: not VALID).
  while (performance.now() - lastWrite < 120_000) {
    verdict = (await verdictOf(client, templateUri)).verdict;
    if (verdict === 'UNABLE_TO_VALIDATE') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const settleMs = performance.now() - lastWrite;
  return { writes, probeMaxMs: await p.stop(), settleMs, verdict };
}

/** The server process's resident memory in MB (Linux), or undefined. */
export function serverRssMb(client: LspClient): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(
      readFileSync(`/proc/${client.process.pid}/status`, 'utf8'),
    )?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
