// The results table's HTML: no vscode here, so the escaping is unit-tested. The page runs one
// nonce'd script and loads nothing; cell text reaches the DOM only through textContent, and the
// first page of rows travels as JSON inside a non-executable script element with `<` escaped.
// Further pages, and the rows in a new sort order, come as messages from the extension host
// (resultsView.ts), which holds all rows: the page asks for more as it scrolls near its end.
import type { Page, SortState } from './resultPages';

export interface ResultsPage {
  title: string;
  /** One line under the title: where the result came from. */
  source: string;
  columns: string[];
  first: Page;
  nonce: string;
}

/** The message the host posts with a page of rows; `sort` is set when the order changed (start 0). */
export interface RowsMessage extends Page {
  type: 'rows';
  sort?: SortState;
}

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
<script type="application/json" id="data">${scriptJson({ columns: page.columns, first: page.first })}</script>
<script nonce="${nonce}">${RESULTS_SCRIPT}</script>
</body>
</html>`;
}

// Runs in the webview. Only rows [0, loaded) are in the DOM; "more" asks the host for the next
// page when the view nears the end (one request in flight). Sort, Copy and Save are done by the
// host over all rows.
const RESULTS_SCRIPT = `
const vscode = acquireVsCodeApi();
const init = JSON.parse(document.getElementById('data').textContent);
const isNum = (s) => s.trim() !== '' && isFinite(Number(s));
const body = document.getElementById('body');
const count = document.getElementById('count');
let total = init.first.total;
let loaded = 0;
let sort = { column: -1, dir: 1 };
let asked = -1;
function header() {
  document.getElementById('head').replaceChildren(...init.columns.map((name, i) => {
    const th = document.createElement('th');
    th.textContent = name;
    th.setAttribute('aria-sort', sort.column === i ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    th.addEventListener('click', () => {
      count.textContent = 'sorting ' + total + (total === 1 ? ' row' : ' rows') + '…';
      vscode.postMessage({ type: 'sort', column: i });
    });
    return th;
  }));
}
function showCount() {
  count.textContent = total + (total === 1 ? ' row' : ' rows') + (loaded < total ? ' (' + loaded + ' shown, more as you scroll; Sort, Copy and Save cover all)' : '');
}
function append(rows) {
  const fragment = document.createDocumentFragment();
  for (const row of rows) {
    const tr = document.createElement('tr');
    for (const cell of row) {
      const td = document.createElement('td');
      td.textContent = cell;
      if (isNum(cell)) td.className = 'num';
      tr.appendChild(td);
    }
    fragment.appendChild(tr);
  }
  body.appendChild(fragment);
  loaded += rows.length;
  showCount();
}
function nearEnd() {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 800;
}
function more() {
  if (loaded < total && asked !== loaded && nearEnd()) {
    asked = loaded;
    vscode.postMessage({ type: 'more', start: loaded });
  }
}
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || m.type !== 'rows') return;
  if (m.sort) {
    sort = m.sort;
    body.replaceChildren();
    window.scrollTo(0, 0);
    loaded = 0;
    asked = -1;
    header();
  }
  total = m.total;
  if (m.start === loaded) append(m.rows);
  more();
});
window.addEventListener('scroll', more);
window.addEventListener('resize', more);
document.getElementById('copy').addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
document.getElementById('save').addEventListener('click', () => vscode.postMessage({ type: 'save' }));
header();
append(init.first.rows);
more();
`;
