import { checkSyntax } from '../server/src/core/sql/parse';
import { lex } from '../server/src/core/sql/lexer';
import { benchTemplates, peerParsableEightKb } from './templates';
const t = benchTemplates().find((b) => b.label.startsWith('8 KB'))!.text;
const bodyStart = t.indexOf('\nWITH') + 1;
console.log('final select length', t.length - (t.lastIndexOf('\nSELECT campaign_id,') + 1));
const run = (t: string) => { const times: number[] = [];
  for (let n = t.length - 300; n <= t.length; n++) { const body = t.slice(bodyStart, n); const s = performance.now(); checkSyntax(body, lex(body, 0)); times.push(performance.now() - s); }
  return times; };
run(peerParsableEightKb());
for (let r = 0; r < 2; r++) { const x = run(t.replace('campaign_id,', `campaign_id${r},`)); const tot = x.reduce((a, b) => a + b, 0); x.sort((a, b) => a - b); console.log('total', tot.toFixed(0), 'p50', x[150].toFixed(2), 'p95', x[285].toFixed(2)); }
