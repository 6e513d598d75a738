// Create Sample Data Files: an empty CSV (the header row only) per schema table in
// cleanrooms.sample/ beside the schema file. Never replaces a file and never writes through a
// symbolic link or out of the workspace folder (writeGuard.ts). Plain Node, tested on real folders.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { WriteRefused, refusalFor, writeInsideRoot } from '../writeGuard';
import { emptySampleCsv, sampleCsvPath, schemaTables } from './sampleData';

export interface SampleFilesOutcome {
  created: string[];
  kept: string[];
  refused: string[];
}

export async function createSampleFiles(
  schemaPath: string,
  root: string,
): Promise<SampleFilesOutcome> {
  const tables = schemaTables(await fs.readFile(schemaPath, 'utf8'));
  const outcome: SampleFilesOutcome = { created: [], kept: [], refused: [] };
  for (const table of tables) {
    const path = sampleCsvPath(dirname(schemaPath), table.name);
    const exists = await fs.lstat(path).then(
      () => true,
      () => false,
    );
    if (exists) {
      outcome.kept.push(path);
      continue;
    }
    const refusal = await refusalFor(path, root);
    if (refusal) {
      outcome.refused.push(refusal);
      continue;
    }
    await fs.mkdir(dirname(path), { recursive: true });
    try {
      await writeInsideRoot(path, emptySampleCsv(table), root);
      outcome.created.push(path);
    } catch (e) {
      if (!(e instanceof WriteRefused)) throw e;
      outcome.refused.push(e.message);
    }
  }
  return outcome;
}
