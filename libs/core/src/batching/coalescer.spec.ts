import { Coalescer } from './coalescer';

const tick = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('runs the calls of one turn as one batch and answers each its own result', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>((items) => {
      batches.push(items);
      return Promise.resolve(items.map((i) => i * 10));
    }, 100);
    const results = await Promise.all([1, 2, 3].map((i) => c.run(i)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers the calls made while a batch is in flight into the next batch, up to the maximum', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const c = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items;
    }, 3);
    const first = c.run(0);
    await tick();
    const later = [1, 2, 3, 4, 5].map((i) => c.run(i));
    await tick();
    expect(batches).toEqual([[0]]);
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('runs the items of a failed batch again alone, so that only the bad one fails', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>((items) => {
      batches.push(items);
      if (items.includes(2)) return Promise.reject(new Error(`bad ${items.join(',')}`));
      return Promise.resolve(items.map((i) => i * 10));
    }, 10);
    const settled = await Promise.all([1, 2, 3].map((i) => c.run(i).catch((e: Error) => e.message)));
    expect(settled).toEqual([10, 'bad 2', 30]);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(await c.run(4)).toBe(40);
  });

  it('rejects every call when every item fails alone too (the database is down)', async () => {
    const c = new Coalescer<number, number>(() => Promise.reject(new Error('down')), 10);
    const failed = [c.run(1), c.run(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['down', 'down']);
  });

  it('refuses a batch that answers the wrong number of results', async () => {
    const c = new Coalescer<number, number>(() => Promise.resolve([]), 10);
    await expect(c.run(1)).rejects.toThrow('a batch of 1 answered 0 results');
    const [a, b] = [c.run(1), c.run(2)];
    await expect(a).rejects.toThrow('a batch of 1 answered 0 results');
    await expect(b).rejects.toThrow('a batch of 1 answered 0 results');
  });
});
