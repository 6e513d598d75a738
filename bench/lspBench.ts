// Measurements over real LSP on stdio: typing latency, start-up, RSS over 1,000 edits and
// the 500 KB case. Every server gets the same text and the same edit sequence.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSession, type LspSession, type ServerCommand } from './lspSession';
import { median, ms, summarize, type Summary } from './stats';
import { SCHEMA_JSON } from './templates';

/** Characters typed one by one at the end of the 8 KB template. */
export const TYPED_CHARS = 300;

export interface Workspace {
  rootUri: string;
  uri(name: string): string;
}

/** A scratch workspace with the schema file, so servers that read the disk see what we send. */
export function makeWorkspace(dir: string, files: Record<string, string>): Workspace {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cleanrooms.schema.json'), SCHEMA_JSON);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { rootUri: pathToFileURL(dir).href, uri: (name) => pathToFileURL(join(dir, name)).href };
}

export interface TypingResult {
  server: string;
  diagnosticsMode: string;
  syncKind: number;
  edits: number;
  latency: Summary;
  /** What the server reported for the finished text: count and the first few messages. */
  finalDiagnostics: { count: number; first: string[] };
}

/**
 * Opens the template without its last TYPED_CHARS characters, then types them one at a time,
 * waiting for each version's diagnostics before the next keystroke (latency, not throughput).
 */
export async function typingLatency(
  cmd: ServerCommand,
  ws: Workspace,
  languageId: string,
  text: string,
): Promise<TypingResult> {
  const uri = ws.uri('typing.cleanrooms.sql');
  const s = await startSession(cmd, ws.rootUri);
  try {
    const start = text.length - TYPED_CHARS;
    await s.open(uri, languageId, text.slice(0, start));
    const samples: number[] = [];
    for (let i = start; i < text.length; i++) samples.push(await s.edit(uri, i, i, text[i]));
    const latency = summarize(samples);
    const final = s.lastDiagnostics(uri);
    return {
      server: cmd.label,
      diagnosticsMode: s.diagnosticsMode,
      syncKind: s.syncKind,
      edits: samples.length,
      latency: { n: latency.n, p50: ms(latency.p50), p95: ms(latency.p95), max: ms(latency.max) },
      finalDiagnostics: {
        count: final.length,
        first: final.slice(0, 3).map((d) => `${d.code ?? ''} ${d.message}`.trim().slice(0, 160)),
      },
    };
  } finally {
    await s.close();
  }
}

/** Characters typed one by one at the end of the many-CTE template (issue 15's probe). */
export const MANY_CTE_TYPED = 150;

export interface ManyCteResult {
  server: string;
  initializeMs: number;
  latency: Summary;
  /** Server CPU time (all its threads) per typed character. */
  cpuMsPerEdit: number;
  /** VmRSS after 1,000 edits (the typed ones, then deleting and retyping them). */
  rssMb: number;
  finalDiagnostics: number;
}

/**
 * Issue 15's probe, one fresh server: spawn → initialize, open the many-CTE template without its
 * last MANY_CTE_TYPED characters, type them one by one sending the full document per change and
 * waiting for each version's diagnostics (the latency), then keep deleting and retyping them up
 * to 1,000 edits and read the RSS.
 */
export async function manyCteProbe(
  cmd: ServerCommand,
  ws: Workspace,
  languageId: string,
  text: string,
  edits = 1000,
): Promise<ManyCteResult> {
  const uri = ws.uri('many-cte.cleanrooms.sql');
  const s = await startSession(cmd, ws.rootUri);
  try {
    const start = text.length - MANY_CTE_TYPED;
    await s.open(uri, languageId, text.slice(0, start));
    const samples: number[] = [];
    let typed = 0;
    let typing = true;
    const cpuBefore = s.cpuMs();
    let cpuTyping = 0;
    for (let n = 1; n <= edits; n++) {
      if (n === MANY_CTE_TYPED + 1) cpuTyping = s.cpuMs() - cpuBefore;
      if (typing) {
        const t = await s.edit(uri, start + typed, start + typed, text[start + typed], true);
        if (n <= MANY_CTE_TYPED) samples.push(t);
        typed++;
      } else {
        await s.edit(uri, start + typed - 1, start + typed, '', true);
        typed--;
      }
      if (typed === MANY_CTE_TYPED || typed === 0) typing = typed === 0;
    }
    const latency = summarize(samples);
    return {
      server: cmd.label,
      initializeMs: ms(s.initializeMs),
      latency: { n: latency.n, p50: ms(latency.p50), p95: ms(latency.p95), max: ms(latency.max) },
      cpuMsPerEdit: ms(cpuTyping / MANY_CTE_TYPED),
      rssMb: Math.round((s.rssKb() / 1024) * 10) / 10,
      finalDiagnostics: s.lastDiagnostics(uri).length,
    };
  } finally {
    await s.close();
  }
}

export interface StartupResult {
  server: string;
  runs: number;
  initializeMs: { first: number; median: number };
  firstDiagnosticsMs: { first: number; median: number };
}

/** Process spawn → `initialize` answered, then didOpen of the 8 KB template → its first diagnostics. */
export async function startup(
  cmd: ServerCommand,
  ws: Workspace,
  languageId: string,
  text: string,
  runs = 5,
): Promise<StartupResult> {
  const init: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await startSession(cmd, ws.rootUri);
    try {
      init.push(s.initializeMs);
      first.push(await s.open(ws.uri('startup.cleanrooms.sql'), languageId, text));
    } finally {
      await s.close();
    }
  }
  return {
    server: cmd.label,
    runs,
    initializeMs: { first: ms(init[0]), median: ms(median(init)) },
    firstDiagnosticsMs: { first: ms(first[0]), median: ms(median(first)) },
  };
}

export interface RssResult {
  server: string;
  edits: number;
  /** [edits done, VmRSS in MB] every 100 edits, starting after didOpen. */
  samples: Array<[number, number]>;
  maxMb: number;
  /** RSS after the last edit minus RSS after the first 100 (allocation after warm-up). */
  growthMb: number;
}

/** 1,000 edits: type the last TYPED_CHARS characters, delete them again, repeat. */
export async function rssOverEdits(
  cmd: ServerCommand,
  ws: Workspace,
  languageId: string,
  text: string,
  edits = 1000,
): Promise<RssResult> {
  const uri = ws.uri('rss.cleanrooms.sql');
  const s = await startSession(cmd, ws.rootUri);
  try {
    const start = text.length - TYPED_CHARS;
    await s.open(uri, languageId, text.slice(0, start));
    const mb = () => Math.round((s.rssKb() / 1024) * 10) / 10;
    const samples: Array<[number, number]> = [[0, mb()]];
    let typed = 0;
    let typing = true;
    for (let n = 1; n <= edits; n++) {
      if (typing) {
        await s.edit(uri, start + typed, start + typed, text[start + typed]);
        typed++;
      } else {
        await s.edit(uri, start + typed - 1, start + typed, '');
        typed--;
      }
      if (typed === TYPED_CHARS || typed === 0) typing = typed === 0;
      if (n % 100 === 0) samples.push([n, mb()]);
    }
    const rss = samples.map(([, v]) => v);
    return {
      server: cmd.label,
      edits,
      samples,
      maxMb: Math.max(...rss),
      growthMb: Math.round((rss[rss.length - 1] - rss[1]) * 10) / 10,
    };
  } finally {
    await s.close();
  }
}

export interface BigDocResult {
  /** didOpen of the 500 KB template → its diagnostics, alone. */
  bigAloneMs: number;
  /** 500 KB opened in one document, then at once a one-character edit in another (8 KB) one. */
  otherDocEditMs: number;
  /** One document replaced by the 500 KB text, then at once by the 8 KB text again. */
  sameDocEditMs: number;
}

export async function bigDocument(
  cmd: ServerCommand,
  ws: Workspace,
  languageId: string,
  small: string,
  big: string,
): Promise<BigDocResult> {
  const s: LspSession = await startSession(cmd, ws.rootUri);
  try {
    const bigAloneMs = await s.open(ws.uri('big-alone.cleanrooms.sql'), languageId, big);

    const a = ws.uri('small.cleanrooms.sql');
    await s.open(a, languageId, small);
    const bigOpened = s.open(ws.uri('big.cleanrooms.sql'), languageId, big);
    const otherDocEditMs = await s.edit(a, small.length, small.length, ' ');
    await bigOpened;

    const b = ws.uri('same.cleanrooms.sql');
    await s.open(b, languageId, small);
    // The 500 KB version may be answered, cancelled or skipped: only the newer one is timed.
    const superseded = s.edit(b, 0, small.length, big).catch(() => undefined);
    const sameDocEditMs = await s.edit(b, 0, big.length, small);
    await superseded;
    return {
      bigAloneMs: ms(bigAloneMs),
      otherDocEditMs: ms(otherDocEditMs),
      sameDocEditMs: ms(sameDocEditMs),
    };
  } finally {
    await s.close();
  }
}
