// The peer: joe-re's sql-language-server 1.7.1, installed into bench/peer/ on first use so the
// repository's own `npm ci` never builds its native dependencies (sqlite3 etc.).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerCommand } from './lspSession';

const PEER_DIR = join(import.meta.dirname, 'peer');
const PEER_CLI = join(PEER_DIR, 'node_modules', 'sql-language-server', 'npm_bin', 'cli.js');

/** The peer's command line, or why it cannot be run here. */
export function ensurePeer(): { command: ServerCommand } | { error: string } {
  if (!existsSync(PEER_CLI)) {
    console.error(
      'bench: installing sql-language-server@1.7.1 into bench/peer/ (first run only; builds sqlite3 from source)...',
    );
    // build_from_source: sqlite3's installer must not fetch a prebuilt binary; it compiles instead.
    const res = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: PEER_DIR,
      encoding: 'utf8',
      timeout: 15 * 60_000,
      env: { ...process.env, npm_config_build_from_source: 'true' },
    });
    if (res.status !== 0 || !existsSync(PEER_CLI)) {
      const why = (res.error?.message ?? res.stderr ?? '')
        .split('\n')
        .filter((l) => /ERR|error/i.test(l))
        .slice(-5)
        .join(' | ');
      return {
        error: `npm install of sql-language-server@1.7.1 in bench/peer failed (exit ${res.status}): ${why || 'no error output'}`,
      };
    }
  }
  return {
    command: {
      label: 'sql-language-server 1.7.1',
      command: process.execPath,
      args: [PEER_CLI, 'up', '--method', 'stdio'],
      cwd: PEER_DIR,
    },
  };
}
