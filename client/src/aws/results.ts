// Protected query results: the s3:// location GetProtectedQuery gives, the download through the
// S3 client, and the CSV (RFC 4180, header row first) read into columns and rows and written back.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface S3Location {
  bucket: string;
  key: string;
}

export interface ResultTable {
  columns: string[];
  rows: string[][];
}

/** Results larger than this are not opened in the editor: the location is shown instead. */
const MAX_RESULT_BYTES = 50 * 1024 * 1024;

export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri.trim());
  return m ? { bucket: m[1], key: m[2] } : undefined;
}

export type Download = { ok: true; text: string } | { ok: false; refused: boolean; reason: string };

/**
 * Downloads the result CSV. A 403/404 or an oversized object is `refused` (the user can still
 * copy the location and fetch it with other tools); anything else is rethrown for the caller's
 * error reporting.
 */
export async function downloadResult(
  s3: S3Client,
  location: string,
  maxBytes = MAX_RESULT_BYTES,
): Promise<Download> {
  const where = parseS3Uri(location);
  if (!where)
    return {
      ok: false,
      refused: true,
      reason: `the result location "${location}" is not an s3:// object URI`,
    };
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: where.bucket, Key: where.key }));
    if ((out.ContentLength ?? 0) > maxBytes) {
      await out.Body?.transformToString().catch(() => undefined);
      return {
        ok: false,
        refused: true,
        reason: `the result is ${Math.round((out.ContentLength ?? 0) / 1024 / 1024)} MB, more than the ${Math.round(maxBytes / 1024 / 1024)} MB the editor opens`,
      };
    }
    return { ok: true, text: (await out.Body?.transformToString('utf-8')) ?? '' };
  } catch (err) {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    if (status === 403 || e.name === 'AccessDenied')
      return {
        ok: false,
        refused: true,
        reason: `S3 refused the download (access denied to ${where.bucket})`,
      };
    if (status === 404 || e.name === 'NoSuchKey' || e.name === 'NoSuchBucket')
      return { ok: false, refused: true, reason: 'S3 has no object at that location (yet)' };
    throw err;
  }
}

/** The records of RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes), the header first. */
function* csvRecords(text: string): Generator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < body.length) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      yield record;
      record = [];
      field = '';
      if (c === '\r' && body[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

/** Header and rows, short rows padded with empty cells. */
function toTable(records: string[][]): ResultTable {
  const [columns = [], ...rows] = records;
  return {
    columns,
    rows: rows.map((r) =>
      r.length < columns.length ? [...r, ...Array<string>(columns.length - r.length).fill('')] : r,
    ),
  };
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, newlines inside quotes). The first record is the header. */
export function parseCsv(text: string): ResultTable {
  return toTable([...csvRecords(text)]);
}

/** parseCsv, giving the event loop back every `slice` records: a large result downloaded in the extension host. */
export async function parseCsvSliced(
  text: string,
  pause: () => Promise<void>,
  slice = 20_000,
): Promise<ResultTable> {
  const records: string[][] = [];
  for (const record of csvRecords(text)) {
    records.push(record);
    if (records.length % slice === 0) await pause();
  }
  return toTable(records);
}

const csvField = (v: unknown) => {
  const text = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One RFC 4180 record, fields quoted only when they must be. */
export const csvRecord = (row: readonly unknown[]): string => row.map(csvField).join(',');

/** RFC 4180 CSV with a header row and CRLF line ends; fields are quoted only when they must be. */
export function toCsv(columns: string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map(csvRecord).join('\r\n') + '\r\n';
}
