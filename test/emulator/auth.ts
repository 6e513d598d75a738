// Signature check. The emulator accepts any well-formed SigV4 Authorization header for the
// `cleanrooms` service and does not recompute the HMAC: it holds no real secrets (tests use the
// fake EMULATOR_CREDENTIALS), listens on 127.0.0.1 only, and what a client can get wrong that we
// want to catch is sending a request unsigned or signed for the wrong service/region format.
import type { IncomingHttpHeaders } from 'node:http';
import { accessDenied, type ServiceError } from './errors';

export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'AKIAEMULATOREXAMPLE',
  secretAccessKey: 'emulator-secret-not-real',
} as const;

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[A-Z0-9]{4,128}\/\d{8}\/[a-z0-9-]+\/cleanrooms\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

/** Undefined when the request is signed; otherwise the 403 the service's signature check sends. */
export function checkSignature(headers: IncomingHttpHeaders): ServiceError | undefined {
  const auth = headers.authorization;
  if (auth === undefined || auth === '') {
    return accessDenied(
      'Missing Authentication Token: the request must be signed with AWS Signature Version 4.',
    );
  }
  if (!SIGV4.test(auth)) {
    return accessDenied(
      'The Authorization header is not a valid AWS Signature Version 4 header for service cleanrooms.',
    );
  }
  if (headers['x-amz-date'] === undefined)
    return accessDenied('The signed request has no X-Amz-Date header.');
  return undefined;
}
