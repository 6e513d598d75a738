// Text from templates and schema files on its way to a terminal or CI log: control characters
// (ESC starts the sequences that move the cursor or erase lines, BEL rings, C1 0x9B is a one-byte
// CSI), line and paragraph separators, and bidirectional overrides (which make a line read
// differently from what it holds) are written as escapes, so a file cannot rewrite the log.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** One line of text output: every unsafe character as `\xNN` or `\uNNNN`. */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, (c) =>
    c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`,
  );
}

/**
 * A JSON document: JSON.stringify already escapes U+0000–U+001F; the rest of UNSAFE becomes
 * `\uNNNN` escapes, which parse back to the same strings, so the output is the same JSON.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
