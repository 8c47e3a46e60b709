let installed = false;

/**
 * postgres.js (3.4.9, the latest) can write to a connection after it dropped the socket, from a
 * setImmediate, when the server goes away mid-query (porsager/postgres#1066, #1154, #1208; fixes
 * not merged). The TypeError escapes every await, so a PostgreSQL restart would end every worker
 * although the query was already rejected (CONNECTION_CLOSED, retried by its job) and the pool
 * reconnects. This lets that one error pass; any other uncaught exception still ends the process
 * as Node's default does, unless another listener (a test runner) handles it.
 */
export function surviveClosedSocketWrite(): void {
  if (installed) return;
  installed = true;
  process.on("uncaughtException", (error) => {
    if (isClosedSocketWrite(error)) {
      process.stderr.write("postgres.js wrote to a closed connection (ignored; the pool reconnects)\n");
      return;
    }
    if (process.listenerCount("uncaughtException") > 1) return;
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

export function isClosedSocketWrite(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.includes("reading 'write'") &&
    /nextWrite \(.*[\\/]postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? "")
  );
}
