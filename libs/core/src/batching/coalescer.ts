/**
 * Gathers the calls made while a batch is running into the next batch: the first call runs alone (on the next turn of
 * the event loop, with whatever else arrived in the same turn), and every call made while a batch is in flight waits
 * for it and goes into the next one, up to `maxBatch` a batch. Under light load a call waits one turn; under heavy
 * load batches grow by themselves, so many concurrent jobs share one statement instead of one statement each.
 *
 * `run(items)` must answer one result per item, in order. If a batch of several throws, each of its items is run
 * again alone, so that one bad item (or a deadlock the batch ran into) fails only its own call; a batch of one that
 * throws rejects its call. `run` must therefore be safe to repeat for an item whose batch failed part way. (A keyed loader with per-tick batching exists as a library, but it batches per tick only and caches
 * reads: it neither holds calls back while a batch is in flight nor suits writes.)
 */
export class Coalescer<I, R> {
  private pending: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly runBatch: (items: I[]) => Promise<R[]>,
    private readonly maxBatch: number,
    private readonly maxInFlight = 1,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
      throw new RangeError('maxInFlight must be a positive integer');
  }

  run(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.execute(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async execute(batch: typeof this.pending): Promise<void> {
    try {
      const results = await this.runBatch(batch.map((b) => b.item));
      if (results.length !== batch.length) {
        throw new Error(`a batch of ${batch.length} answered ${results.length} results`);
      }
      batch.forEach((b, i) => b.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else for (const b of batch) await this.execute([b]);
    }
  }
}
