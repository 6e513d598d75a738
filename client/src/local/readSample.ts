// Reading the schema file and sample CSVs for a local run: regular files only, opened without
// following a symbolic link (a cloned repository's `cleanrooms.sample/users.csv -> ~/.ssh/...`
// must not be read into a results table), and no more than a cap, so a device or a huge file
// cannot exhaust the worker's memory.
import { constants, promises as fs } from 'node:fs';

/** Half a gigabyte: a 1M-row sample is about 50 MB. */
export const MAX_SAMPLE_BYTES = 512 * 1024 * 1024;

/** The file's text, or undefined when it does not exist; throws with a plain reason otherwise. */
export async function readSampleFile(
  path: string,
  maxBytes = MAX_SAMPLE_BYTES,
): Promise<string | undefined> {
  return (await readSampleBytes(path, maxBytes))?.toString('utf8');
}

/** The file's bytes (a Parquet sample), or undefined when it does not exist; as readSampleFile otherwise. */
export async function readSampleBytes(
  path: string,
  maxBytes = MAX_SAMPLE_BYTES,
): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP')
      throw new Error(`${path} is a symbolic link; local runs read only regular files.`, {
        cause: e,
      });
    throw new Error(`${path} could not be read (${code ?? (e as Error).message}).`, { cause: e });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new Error(`${path} is not a regular file; local runs read only regular files.`);
    if (stat.size > maxBytes)
      throw new Error(
        `${path} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; use a smaller sample.`,
      );
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
