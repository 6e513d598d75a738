import { analyze } from './server/src/core/analyze';
let t = performance.now();
analyze('-- @name x\nSELECT 1', undefined);
console.log('cold', performance.now() - t);
for (let i = 0; i < 5; i++) { t = performance.now(); analyze('-- @name x\nSELECT ' + i, undefined); console.log('warm', performance.now() - t); }
