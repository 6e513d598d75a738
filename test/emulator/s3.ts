// A minimal S3, path-style (`/bucket/key`), on the emulator's own port: what `@aws-sdk/client-s3`
// needs for PutObject, GetObject and HeadObject, so protected query results can be fetched the
// way the extension fetches them from AWS. Requests are told apart from Clean Rooms ones by the
// service in their SigV4 credential scope (`…/s3/aws4_request`), as a single-port AWS emulator
// must. Buckets spring into being on first write; `s3.deniedBuckets` in the seed refuse reads
// (403 AccessDenied) to show the "download refused" path.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState, StoredObject } from './state';

const S3_SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[A-Z0-9]{4,128}\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

/** Bucket names S3 accepts (general purpose buckets): 3–63 of a-z 0-9 . -, alphanumeric at both ends. */
export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function isS3Request(headers: IncomingHttpHeaders): boolean {
  return /\/s3\/aws4_request/.test(headers.authorization ?? '');
}

/** Stores an object as a PutObject would (used by the protected query runner). */
export function putObject(
  state: EmulatorState,
  bucket: string,
  key: string,
  body: Buffer,
  contentType: string,
): void {
  state.s3Objects.set(`${bucket}/${key}`, {
    body,
    contentType,
    lastModified: Date.now(),
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
  });
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export async function handleS3(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [bucketSegment, ...keySegments] = url.pathname.split('/').slice(1);
  const bucket = decode(bucketSegment ?? '');
  const key = keySegments.map(decode).join('/');
  const method = req.method ?? 'GET';
  const body = await readAll(req);

  if (!S3_SIGV4.test(req.headers.authorization ?? '') || req.headers['x-amz-date'] === undefined) {
    return sendError(
      res,
      method,
      403,
      'AccessDenied',
      'The request must be signed with AWS Signature Version 4 for service s3.',
    );
  }
  if (!BUCKET_PATTERN.test(bucket))
    return sendError(
      res,
      method,
      400,
      'InvalidBucketName',
      `The specified bucket is not valid: ${bucket}`,
    );
  if (key === '')
    return sendError(
      res,
      method,
      501,
      'NotImplemented',
      'The emulator serves objects only (PutObject, GetObject, HeadObject).',
    );

  if (method === 'PUT') {
    const payload = /aws-chunked/.test(String(req.headers['content-encoding'] ?? ''))
      ? decodeChunked(body)
      : body;
    putObject(
      state,
      bucket,
      key,
      payload,
      String(req.headers['content-type'] ?? 'application/octet-stream'),
    );
    res
      .writeHead(200, {
        etag: state.s3Objects.get(`${bucket}/${key}`)?.etag ?? '',
        'x-amz-request-id': randomUUID(),
      })
      .end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD')
    return sendError(
      res,
      method,
      405,
      'MethodNotAllowed',
      `${method} is not supported by the emulator.`,
    );
  if (state.s3DeniedBuckets.has(bucket))
    return sendError(res, method, 403, 'AccessDenied', 'Access Denied');
  const object = state.s3Objects.get(`${bucket}/${key}`);
  if (!object) return sendError(res, method, 404, 'NoSuchKey', 'The specified key does not exist.');
  res.writeHead(200, objectHeaders(object));
  res.end(method === 'HEAD' ? undefined : object.body);
}

function objectHeaders(o: StoredObject): Record<string, string | number> {
  return {
    'content-type': o.contentType,
    'content-length': o.body.length,
    etag: o.etag,
    'last-modified': new Date(o.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-request-id': randomUUID(),
  };
}

function sendError(
  res: ServerResponse,
  method: string,
  status: number,
  code: string,
  message: string,
): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': method === 'HEAD' ? 0 : Buffer.byteLength(xml),
    'x-amz-request-id': randomUUID(),
  });
  res.end(method === 'HEAD' ? undefined : xml);
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `aws-chunked` bodies (streamed uploads): `<hex size>[;chunk-signature=…]\r\n<data>\r\n`…, then `0` and trailers. */
function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0], 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
