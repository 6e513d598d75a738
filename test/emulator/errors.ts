// Service errors as the restJson1 protocol carries them: an HTTP status, the error type in the
// `x-amzn-errortype` header, and the modelled members in the JSON body. The SDK's error
// deserializer reads exactly these three things to pick and fill its exception class.

export interface ServiceErrorShape {
  type: string;
  status: number;
  /** Body members besides `message` (`reason`, `fieldList`, `resourceId`, ...). */
  members: Record<string, unknown>;
}

export class ServiceError extends Error {
  constructor(
    readonly shape: ServiceErrorShape,
    message: string,
  ) {
    super(message);
  }
}

export interface FieldProblem {
  name: string;
  message: string;
}

/** The service's wording for constraint failures, e.g. `1 validation error detected: ...`. */
export function validationError(fields: FieldProblem[]): ServiceError {
  const count = `${fields.length} validation error${fields.length === 1 ? '' : 's'} detected`;
  const message = `${count}: ${fields.map((f) => f.message).join('; ')}`;
  return new ServiceError(
    {
      type: 'ValidationException',
      status: 400,
      members: { reason: 'FIELD_VALIDATION_FAILED', fieldList: fields },
    },
    message,
  );
}

export function invalidConfiguration(message: string): ServiceError {
  return new ServiceError(
    { type: 'ValidationException', status: 400, members: { reason: 'INVALID_CONFIGURATION' } },
    message,
  );
}

/**
 * `resourceType` is modelled as COLLABORATION | MEMBERSHIP | CONFIGURED_TABLE |
 * CONFIGURED_TABLE_ASSOCIATION. Missing templates and schemas have no value of their own in that
 * enum; we send `ANALYSIS_TEMPLATE` / `SCHEMA` (the SDK passes unknown enum strings through).
 */
export function notFound(resourceType: string, resourceId: string, message: string): ServiceError {
  return new ServiceError(
    { type: 'ResourceNotFoundException', status: 404, members: { resourceId, resourceType } },
    message,
  );
}

export function conflict(
  resourceType: string,
  resourceId: string,
  reason: string,
  message: string,
): ServiceError {
  return new ServiceError(
    { type: 'ConflictException', status: 409, members: { resourceId, resourceType, reason } },
    message,
  );
}

export function quotaExceeded(quotaName: string, quotaValue: number): ServiceError {
  return new ServiceError(
    { type: 'ServiceQuotaExceededException', status: 402, members: { quotaName, quotaValue } },
    `Request would exceed the quota "${quotaName}" (${quotaValue}).`,
  );
}

export function accessDenied(message: string, reason?: 'INSUFFICIENT_PERMISSIONS'): ServiceError {
  return new ServiceError(
    { type: 'AccessDeniedException', status: 403, members: reason ? { reason } : {} },
    message,
  );
}

export function throttled(): ServiceError {
  return new ServiceError(
    { type: 'ThrottlingException', status: 429, members: {} },
    'Rate exceeded',
  );
}

export function internalError(): ServiceError {
  return new ServiceError(
    { type: 'InternalServerException', status: 500, members: {} },
    'An internal error occurred. Try again.',
  );
}

/** The JSON body the SDK reads the message and members from. */
export function errorBody(error: ServiceError): string {
  return JSON.stringify({ message: error.message, ...error.shape.members });
}
