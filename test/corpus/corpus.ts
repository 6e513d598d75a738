// The repository's own differential-privacy corpus: every `*.json` file in this folder is a list
// of cases written from the AWS Clean Rooms DP rules (README.md here says how). Tests, fuzzing
// and benchmarks read the corpus only through this module.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Verdict = 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';

export interface CorpusTable {
  /** The DP user-identifier column; `null` = the table has no differential privacy. */
  userIdColumn: string | null;
  columns: string[];
  /** The data provider's 12-digit account id (rule 5). */
  owner?: string;
  /** Absent = CUSTOM (rule 3). */
  analysisRuleType?: 'CUSTOM' | 'AGGREGATION' | 'LIST' | 'ID_MAPPING_TABLE';
}

export interface CorpusCase {
  id: string;
  /** The template body, exactly what would be sent as `source.text`. */
  sql: string;
  /** Only the tables the query uses; a table the query names but this map lacks is unknown. */
  tables: Record<string, CorpusTable>;
  expected: Verdict;
  /** The primary rule of dp-rules.md the case exercises. */
  rule: string;
  /** How the expected verdict follows from the rules. */
  source: string;
  /** For an INVALID case: codes that must be among its error diagnostics. */
  codes?: string[];
  /** Parameter types (a `ParameterType`) by name; a parameter not listed is declared STRING. */
  params?: Record<string, string>;
  /** The corpus file the case comes from. */
  file: string;
}

export const CORPUS_DIR = import.meta.dirname;

export function loadCorpus(): CorpusCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as Omit<CorpusCase, 'file'>[]).map(
        (c) => ({ ...c, file }),
      ),
    );
}
