import { analyze } from '../server/src/core/analyze';
import { benchTemplates, SCHEMA_JSON, peerParsableEightKb } from './templates';
import { parseSchema } from '../server/src/core/schema/parse';
const t = benchTemplates().find((b) => b.label.startsWith('8 KB'))!.text;
const schema = parseSchema(SCHEMA_JSON).schema;
const run = (t: string) => {
  const times: number[] = [];
  for (let n = t.length - 300; n <= t.length; n++) {
    const s = performance.now();
    analyze(t.slice(0, n), schema);
    times.push(performance.now() - s);
  }
  return times;
};
run(peerParsableEightKb());
const times = run(t);
times.sort((a, b) => a - b);
const tot = times.reduce((a, b) => a + b, 0);
console.log('total', tot.toFixed(0), 'p50', times[150].toFixed(2), 'p95', times[285].toFixed(2), 'max', times[300].toFixed(2));
