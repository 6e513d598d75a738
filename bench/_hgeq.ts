import { checkSyntax } from '../server/src/core/sql/parse';
import { checkSyntax as oldCheck } from '../server/src/core/sql/_hgoldparse';
import { lex } from '../server/src/core/sql/lexer';
import { benchTemplates, peerParsableEightKb } from './templates';
const corpus = require('/work/shared/corpus/dp-dev.json') as { sql: string }[];
const texts: string[] = corpus.map((c) => c.sql);
const t8 = benchTemplates().find((b) => b.label.startsWith('8 KB'))!.text;
const b8 = t8.slice(t8.indexOf('\nWITH') + 1);
texts.push(b8, peerParsableEightKb().slice(peerParsableEightKb().indexOf('\nWITH') + 1));
let n = 0, diff = 0;
const cmp = (body: string) => {
  n++;
  const a = JSON.stringify(checkSyntax(body, lex(body, 5), 5));
  const b = JSON.stringify(oldCheck(body, lex(body, 5), 5));
  if (a !== b) { diff++; if (diff < 6) console.log('DIFF', JSON.stringify(body.slice(-80)), a, b); }
};
for (const t of texts) {
  const step = t.length > 3000 ? 7 : 1;
  for (let k = 1; k <= t.length; k += step) cmp(t.slice(0, k));
  // deletions in the middle and trailing comments
  for (let k = 0; k < t.length; k += Math.max(1, Math.floor(t.length / 200))) { cmp(t.slice(0, k) + t.slice(k + 3)); cmp(t.slice(0, k) + ' -- c'); cmp(t + '\n-- tail ' + t.slice(k, k + 5)); }
}
console.log('compared', n, 'diffs', diff);
