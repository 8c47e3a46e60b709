/**
 * Batches calls without adding delay: while one batch is in flight, new calls queue up and go
 * together in the next. An idle caller pays nothing; under load, N calls cost one round trip.
 * `run` answers the inputs in order; each caller gets its own answer or the batch's error.
 */
export function naturalBatch<I, O>(run: (inputs: I[]) => Promise<O[]>): (input: I) => Promise<O> {
  let queue: { input: I; resolve(output: O): void; reject(error: unknown): void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const outputs = await run(batch.map((b) => b.input));
        batch.forEach((b, i) => {
          b.resolve(outputs[i]!);
        });
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    running = false;
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!running) void drain();
    });
}
