// Links to a diagnostic's section of docs/diagnostics.md. The server links each code to its
// heading anchor (`diagnostics.md#dp015`), but VS Code opens a `file:` link's fragment only as a
// line (`#L445`) and otherwise shows line 1: the client turns anchors into heading lines.
// Pure (no vscode import), so the mapping is unit-tested against the real document.

/** Each `### CODE` heading of the document → its 1-based line, keyed by the lower-case anchor. */
export function headingLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  markdown.split(/\r?\n/).forEach((line, i) => {
    const m = /^###\s+([A-Z]{2,4}\d{3})\s*$/.exec(line);
    if (m) lines.set(m[1].toLowerCase(), i + 1);
  });
  return lines;
}

/** `text` with every `<docsUri>#anchor` whose heading is known rewritten to `<docsUri>#L<line>`. */
export function withLineLinks(text: string, docsUri: string, lines: Map<string, number>): string {
  return text.split(`${docsUri}#`).reduce((out, part) => {
    const anchor = /^[a-z]{2,4}\d{3}/.exec(part)?.[0];
    const line = anchor && lines.get(anchor);
    return `${out}${docsUri}#${line ? `L${line}${part.slice(anchor.length)}` : part}`;
  });
}
