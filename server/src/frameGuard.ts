// Watches the `Content-Length` framing of the LSP stream on stdin beside vscode-jsonrpc's reader.
// That reader reports a malformed header and then stays out of step with the stream for good (or
// waits for a 100 GB body): the server would be running but deaf. A malformed header or an
// absurd length is fatal instead: the caller logs it and exits, so the client restarts the server.
// Bodies are not looked at: a body that is not JSON is the reader's to report, and it recovers.

/** Far above any document an editor syncs (VS Code stops at 50 MB), far below V8's string limit. */
const MAX_FRAME_BYTES = 256 * 1024 * 1024;
/** Real headers are two short lines. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** Feed it every chunk read from stdin; `onViolation` runs once, with the reason. */
export function createFrameGuard(onViolation: (reason: string) => void): (chunk: Buffer) => void {
  let header = '';
  let bodyLeft = 0;
  let failed = false;
  const fail = (reason: string): undefined => {
    failed = true;
    onViolation(reason);
    return undefined;
  };
  const endOfHeader = (text: string): number | undefined => {
    const lines = text.split('\r\n');
    let length: number | undefined;
    for (const line of lines) {
      const m = HEADER_LINE.exec(line);
      if (!m) return fail(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
      if (m[1].toLowerCase() !== 'content-length') continue;
      if (!/^\d{1,12}$/.test(m[2]))
        return fail(`Content-Length is not a byte count: ${JSON.stringify(m[2].slice(0, 40))}`);
      length = Number(m[2]);
    }
    if (length === undefined) return fail('a message header without Content-Length');
    if (length > MAX_FRAME_BYTES)
      return fail(`Content-Length ${length} is over the ${MAX_FRAME_BYTES}-byte limit`);
    return length;
  };
  return (chunk) => {
    let i = 0;
    while (!failed && i < chunk.length) {
      if (bodyLeft > 0) {
        const take = Math.min(bodyLeft, chunk.length - i);
        bodyLeft -= take;
        i += take;
        continue;
      }
      // Header bytes up to the blank line, which may be split across chunks; latin1 keeps one
      // character per byte, and the slice is bounded so a stream of garbage is not buffered.
      const before = header.length;
      header += chunk.toString('latin1', i, Math.min(chunk.length, i + MAX_HEADER_BYTES + 4));
      const end = header.indexOf('\r\n\r\n', Math.max(0, before - 3));
      if (end === -1) {
        if (header.length > MAX_HEADER_BYTES)
          fail(`a message header over ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const length = endOfHeader(header.slice(0, end));
      if (length === undefined) return;
      i += end + 4 - before;
      header = '';
      bodyLeft = length;
    }
  };
}
