// The results table's HTML: no vscode here, so the escaping is unit-tested. The page runs one
// nonce'd script and loads nothing; cell text reaches the DOM only through textContent, and the
// data travels as JSON inside a non-executable script element with `<` escaped.
import type { ResultTable } from '../aws/results';

export interface ResultsPage {
  title: string;
  /** One line under the title: where the result came from. */
  source: string;
  table: ResultTable;
  nonce: string;
}

/** Rows rendered into the DOM; the row count, copy and save always cover all rows. */
export const MAX_RENDERED_ROWS = 5000;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON safe inside a <script> element: no `</script>` or `<!--` can form. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function resultsHtml(page: ResultsPage): string {
  const { nonce } = page;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 12px 12px; }
  header { position: sticky; top: 0; background: var(--vscode-editor-background); padding: 8px 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  h1 { font-size: 1.1em; margin: 0; }
  .source, .count { color: var(--vscode-descriptionForeground); }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 10px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; white-space: pre; }
  th { cursor: pointer; background: var(--vscode-editorWidget-background); position: sticky; top: 44px; }
  th[aria-sort="ascending"]::after { content: " ▲"; }
  th[aria-sort="descending"]::after { content: " ▼"; }
  td.num { text-align: right; }
</style>
</head>
<body>
<header>
  <h1>${escapeHtml(page.title)}</h1>
  <span class="count" id="count"></span>
  <button id="copy" title="Copy the table (tab-separated, in the current order)">Copy</button>
  <button id="save" title="Save as a CSV file in the workspace">Save as CSV</button>
  <span class="source">${escapeHtml(page.source)}</span>
</header>
<table id="results"><thead><tr id="head"></tr></thead><tbody id="body"></tbody></table>
<script type="application/json" id="data">${scriptJson(page.table)}</script>
<script nonce="${nonce}">${RESULTS_SCRIPT.replace('MAX_RENDERED_ROWS', String(MAX_RENDERED_ROWS))}</script>
</body>
</html>`;
}

// Runs in the webview. Sorting compares numbers as numbers when both cells are numbers, else text.
const RESULTS_SCRIPT = `
const vscode = acquireVsCodeApi();
const table = JSON.parse(document.getElementById('data').textContent);
const isNum = (s) => s !== '' && !isNaN(Number(s));
let order = table.rows.map((_, i) => i);
let sorted = { column: -1, dir: 1 };
function render() {
  const head = document.getElementById('head');
  head.replaceChildren(...table.columns.map((name, i) => {
    const th = document.createElement('th');
    th.textContent = name;
    th.setAttribute('aria-sort', sorted.column === i ? (sorted.dir > 0 ? 'ascending' : 'descending') : 'none');
    th.addEventListener('click', () => sortBy(i));
    return th;
  }));
  const shown = order.slice(0, MAX_RENDERED_ROWS);
  document.getElementById('body').replaceChildren(...shown.map((r) => {
    const tr = document.createElement('tr');
    for (const cell of table.rows[r]) {
      const td = document.createElement('td');
      td.textContent = cell;
      if (isNum(cell)) td.className = 'num';
      tr.appendChild(td);
    }
    return tr;
  }));
  const n = table.rows.length;
  document.getElementById('count').textContent = n + (n === 1 ? ' row' : ' rows') + (n > shown.length ? ' (first ' + shown.length + ' shown; Copy and Save include all)' : '');
}
function sortBy(column) {
  sorted = { column, dir: sorted.column === column ? -sorted.dir : 1 };
  order.sort((a, b) => {
    const x = table.rows[a][column], y = table.rows[b][column];
    const c = isNum(x) && isNum(y) ? Number(x) - Number(y) : x.localeCompare(y);
    return c * sorted.dir || a - b;
  });
  render();
}
document.getElementById('copy').addEventListener('click', () => {
  const lines = [table.columns, ...order.map((r) => table.rows[r])].map((row) => row.map((c) => c.replace(/[\\t\\r\\n]+/g, ' ')).join('\\t'));
  vscode.postMessage({ type: 'copy', text: lines.join('\\n') });
});
document.getElementById('save').addEventListener('click', () => vscode.postMessage({ type: 'save', order }));
render();
`;
