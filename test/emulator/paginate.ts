// `maxResults` / `nextToken` paging. The token is opaque to clients (base64url JSON); it names the
// list it belongs to so a token from another list or a hand-made string is a ValidationException.
import { validationError } from './errors';
import { checkMaxResults, throwIfProblems } from './validate';

export const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(all: T[], listKey: string, query: URLSearchParams): Page<T> {
  const rawMax = query.get('maxResults');
  throwIfProblems(checkMaxResults(rawMax));
  const size = rawMax === null ? DEFAULT_PAGE_SIZE : Number(rawMax);
  const token = query.get('nextToken');
  const offset = token === null ? 0 : decodeToken(token, listKey);
  const items = all.slice(offset, offset + size);
  const next = offset + size;
  return next < all.length ? { items, nextToken: encodeToken(listKey, next) } : { items };
}

function encodeToken(listKey: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listKey, o: offset })).toString('base64url');
}

function decodeToken(token: string, listKey: string): number {
  const invalid = validationError([
    {
      name: 'nextToken',
      message: `Value at 'nextToken' is not a valid pagination token for this request`,
    },
  ]);
  if (token.length > 10240) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const { l, o } = (parsed ?? {}) as { l?: unknown; o?: unknown };
  if (l !== listKey || typeof o !== 'number' || !Number.isInteger(o) || o < 0) throw invalid;
  return o;
}
