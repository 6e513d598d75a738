// The schema store over a fake file system: searches and reads are asynchronous, a burst of
// changes is coalesced into the read in flight plus one more (only the newest text is parsed),
// and requests in the meantime see the last schema read rather than none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createSchemaStore,
  type LoadedSchema,
  type SchemaIO,
} from '../../../server/src/session/schemas';

const DIR = '/ws/a';
const SCHEMA_PATH = '/ws/cleanrooms.schema.json';
const TEMPLATE = 'file:///ws/a/t.cleanrooms.sql';

/** A file system whose reads finish only when the test says so, counting them. */
function fakeIO() {
  let disk = '{"tables":[{"name":"v0"}]}';
  const reads: { resolve: () => void }[] = [];
  let finds = 0;
  const io: SchemaIO = {
    find: async (dir) => {
      finds++;
      return dir === DIR ? SCHEMA_PATH : undefined;
    },
    load: (path) =>
      new Promise<LoadedSchema>((done) => {
        const text = disk; // what the file holds when the read starts
        reads.push({
          resolve: () =>
            done({
              uri: `file://${path}`,
              path,
              text,
              index: undefined as never,
              schema: JSON.parse(text),
              diagnostics: [],
            }),
        });
      }),
    openText: () => undefined,
  };
  const write = (n: number) => (disk = `{"tables":[{"name":"v${n}"}]}`);
  /** Lets queued turns run (the store reads after one setImmediate). */
  const settle = () => new Promise((r) => setImmediate(r));
  return { io, reads, write, settle, finds: () => finds };
}

const tableOf = (s: LoadedSchema | undefined) => s?.schema.tables[0]?.name;

describe('schema store', () => {
  it('waits for the search and the read before a verdict, then answers synchronously', async () => {
    const fs = fakeIO();
    const store = createSchemaStore(fs.io, () => undefined);
    const ready = store.ready(TEMPLATE);
    assert.ok(ready, 'nothing known yet: the caller must wait');
    await fs.settle();
    await fs.settle();
    fs.reads[0].resolve();
    await ready;
    assert.equal(tableOf(store.forTemplate(TEMPLATE)), 'v0');
    assert.equal(store.ready(TEMPLATE), undefined, 'known now: no waiting');
    assert.equal(fs.finds(), 1);
  });

  it('coalesces 50 changes during a read into one more read of the newest text', async () => {
    const fs = fakeIO();
    const reloaded: string[] = [];
    const store = createSchemaStore(fs.io, (_path, loaded) => reloaded.push(tableOf(loaded)!));
    const first = store.ready(TEMPLATE)!;
    await fs.settle();
    await fs.settle();
    fs.reads[0].resolve();
    await first;

    store.changed(SCHEMA_PATH, false);
    await fs.settle();
    assert.equal(fs.reads.length, 2, 'the change starts a read');
    for (let n = 1; n <= 50; n++) {
      fs.write(n);
      store.changed(SCHEMA_PATH, false);
    }
    // Meanwhile requests still see the schema read before, not none.
    assert.equal(tableOf(store.forTemplate(TEMPLATE)), 'v0');
    fs.reads[1].resolve();
    await fs.settle();
    await fs.settle();
    assert.equal(fs.reads.length, 3, 'exactly one more read for all 50 changes');
    fs.reads[2].resolve();
    await fs.settle();
    await fs.settle();
    assert.equal(fs.reads.length, 3);
    assert.equal(tableOf(store.forTemplate(TEMPLATE)), 'v50', 'the newest text wins');
    assert.deepEqual(reloaded, ['v0', 'v50']);
  });

  it('searches again only when a schema file is created or deleted', async () => {
    const fs = fakeIO();
    const store = createSchemaStore(fs.io, () => undefined);
    const ready = store.ready(TEMPLATE)!;
    await fs.settle();
    await fs.settle();
    fs.reads[0].resolve();
    await ready;
    store.changed(SCHEMA_PATH, false);
    assert.equal(store.ready(TEMPLATE) !== undefined, true, 'waits for the re-read');
    assert.equal(fs.finds(), 1);
    store.changed(SCHEMA_PATH, true);
    void store.ready(TEMPLATE);
    await fs.settle();
    assert.equal(fs.finds(), 2);
  });
});
