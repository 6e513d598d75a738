// Turns whatever an SDK call threw into one sentence a user can act on: the operation that
// failed, then the cause, then what to do. Every command shows failures through here.

export type FailureKind =
  | 'accessDenied'
  | 'validation'
  | 'notFound'
  | 'conflict'
  | 'quota'
  | 'throttled'
  | 'serviceError'
  | 'credentials'
  | 'network'
  | 'unknown';

export interface AwsFailure {
  kind: FailureKind;
  /** `"<Operation> failed: <cause>"`, ready to show. */
  message: string;
  /** The IAM action the service said is missing, e.g. `cleanrooms:CreateAnalysisTemplate`. */
  permission?: string;
}

export interface FailureContext {
  profile?: string;
  endpoint?: string;
}

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  reason?: string;
  resourceId?: string;
  resourceType?: string;
  quotaName?: string;
  quotaValue?: number;
  fieldList?: { name?: string; message?: string }[];
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $response?: { statusCode?: number };
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function describeAwsError(
  operation: string,
  err: unknown,
  ctx: FailureContext = {},
): AwsFailure {
  const e: SdkLikeError =
    err && typeof err === 'object' ? (err as SdkLikeError) : { message: String(err) };
  const said = cleanMessage(e.message);
  const attempts = e.$metadata?.attempts ?? 1;
  const status = e.$metadata?.httpStatusCode;
  const fail = (kind: FailureKind, cause: string, permission?: string): AwsFailure => ({
    kind,
    message: `${operation} failed: ${cause}`,
    ...(permission ? { permission } : {}),
  });

  switch (e.name) {
    case 'AccessDeniedException': {
      const permission = said.match(/perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/)?.[1];
      return permission
        ? fail(
            'accessDenied',
            `access denied: your credentials lack the permission ${permission}. Ask your administrator to allow it${said ? ` (AWS said: ${said})` : ''}.`,
            permission,
          )
        : fail(
            'accessDenied',
            `access denied${said ? `: ${said}` : ''}. Check the IAM permissions of ${who(ctx)}.`,
          );
    }
    case 'ValidationException': {
      // The service often repeats each field's message in the main one: list only what is new.
      const fields = (e.fieldList ?? [])
        .filter(
          (f) => (f.name || f.message) && !(f.message && said.includes(cleanMessage(f.message))),
        )
        .map((f) => `${f.name ?? '?'}: ${f.message ?? 'invalid'}`);
      return fail(
        'validation',
        `AWS rejected the request as invalid: ${said || 'no details given'}${fields.length ? ` (${fields.join('; ')})` : ''}.`,
      );
    }
    case 'ResourceNotFoundException': {
      const what = e.resourceType
        ? `${e.resourceType.toLowerCase().replace(/_/g, ' ')}${e.resourceId ? ` ${e.resourceId}` : ''}`
        : 'the resource';
      return fail(
        'notFound',
        `${what} was not found${said ? ` (${said})` : ''}. It may have been deleted, or belong to another account or region.`,
      );
    }
    case 'ConflictException':
      return fail(
        'conflict',
        e.reason === 'ALREADY_EXISTS'
          ? `it already exists${said ? ` (${said})` : ''}. Choose a different name.`
          : `conflict${e.reason ? ` (${e.reason})` : ''}${said ? `: ${said}` : ''}.`,
      );
    case 'ServiceQuotaExceededException':
      return fail(
        'quota',
        `service quota reached${e.quotaName ? `: ${e.quotaName}` : ''}${e.quotaValue !== undefined ? ` (limit ${e.quotaValue})` : ''}. Delete unused resources or request a quota increase.`,
      );
    case 'ThrottlingException':
      return fail(
        'throttled',
        `AWS is throttling requests and the request still failed after ${attempts} attempt(s). Wait a moment and try again.`,
      );
    case 'InternalServerException':
      return fail(
        'serviceError',
        `AWS Clean Rooms had an internal error${said ? `: ${said}` : ''} (after ${attempts} attempt(s)). Try again later.`,
      );
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'IncompleteSignatureException':
    case 'MissingAuthenticationTokenException':
    case 'ExpiredTokenException':
    case 'ExpiredToken':
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
      return fail(
        'credentials',
        `AWS did not accept the credentials of ${who(ctx)}${said ? `: ${said}` : ''}. Refresh them (for SSO: aws sso login${ctx.profile ? ` --profile ${ctx.profile}` : ''}) or choose another profile.`,
      );
    case 'CredentialsProviderError':
    case 'TokenProviderError':
      return fail(
        'credentials',
        `no usable AWS credentials for ${who(ctx)}${said ? `: ${said}` : ''}. Run "Clean Rooms: Select Profile", or configure the profile in your AWS config files.`,
      );
  }

  const code = e.code ?? said.match(/\b(E[A-Z]{4,})\b/)?.[1];
  const where = ctx.endpoint ?? 'AWS';
  // The SDK names a reset socket TimeoutError too, so the code decides first.
  if ((code && DROPPED_CODES.has(code)) || /socket hang up/i.test(said)) {
    return fail(
      'network',
      `the connection to ${where} was dropped (${code ?? 'socket hang up'}) after ${attempts} attempt(s). Try again.`,
    );
  }
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT' || /timed out|timeout/i.test(said)) {
    return fail(
      'network',
      `${where} did not answer in time (after ${attempts} attempt(s)). Try again; if it keeps happening, check the network and proxy.`,
    );
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return fail(
      'network',
      `could not reach ${where} (${code}) after ${attempts} attempt(s). Check the network, proxy and the cleanrooms.endpoint setting.`,
    );
  }
  if (status && status >= 500) {
    return fail(
      'serviceError',
      `AWS answered HTTP ${status}${said && said !== 'UnknownError' ? `: ${said}` : ''} (after ${attempts} attempt(s)). Try again later.`,
    );
  }
  if (status === 403) {
    return fail(
      'accessDenied',
      `access denied (HTTP 403)${said ? `: ${said}` : ''}. Check the IAM permissions of ${who(ctx)}.`,
    );
  }
  return fail(
    'unknown',
    `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${said || 'unknown error'}${status ? ` (HTTP ${status})` : ''}.`,
  );
}

function who(ctx: FailureContext): string {
  return ctx.profile ? `profile "${ctx.profile}"` : 'the default credentials';
}

// A signature-mismatch answer quotes the canonical request and string to sign, which carry the
// session token and the signature: everything from there on never reaches a message or a log.
const SIGNING_DETAILS = /\s*(The Canonical String|The String-to-Sign|Canonical request)[\s\S]*$/i;
const SECRET_VALUES =
  /((?:x-amz-security-token|authorization|x-amz-signature|signature|credential)\s*[:=]\s*)[^\s,;&]+/gi;

function cleanMessage(message: string | undefined): string {
  return (message ?? '')
    .replace(SIGNING_DETAILS, '')
    .replace(SECRET_VALUES, '$1[redacted]')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}
