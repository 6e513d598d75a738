import { Parser } from 'node-sql-parser/build/redshift';
import { benchTemplates } from './templates';
const t = benchTemplates().find((b) => b.label.startsWith('8 KB'))!.text;
const p = new Parser();
const at = t.lastIndexOf('\nSELECT campaign_id,') + 1;
const time = (s: string) => { const st = performance.now(); try { p.astify(s, { database: 'redshift' }); } catch {} return performance.now() - st; };
const bodyStart = t.indexOf('\nWITH') + 1;
for (let r = 0; r < 3; r++) {
  let full = 0, fin = 0;
  for (let n = t.length - 300; n <= t.length; n += 10) {
    full += time(t.slice(bodyStart, n));
    fin += time(t.slice(at, n));
  }
  console.log('full', full.toFixed(0), 'final-only', fin.toFixed(0));
}
