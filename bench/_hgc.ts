import { Parser } from 'node-sql-parser/build/redshift';
const p = new Parser();
for (const s of ['SELECT 1 /* x */', 'SELECT 1 -- x', 'SELECT 1 /* x', 'SELECT 1 # x', "SELECT 'a\\' -- x'", "SELECT 'a\\'", 'SELECT 1 FROM', 'SELECT 1 FROM -- x', 'WITH a AS (SELECT 1) -- c', 'WITH a AS (SELECT 1)']) {
  try { p.astify(s, { database: 'redshift' }); console.log(JSON.stringify(s), 'ok'); } catch (e) { console.log(JSON.stringify(s), (e as any).location?.start?.offset); }
}
