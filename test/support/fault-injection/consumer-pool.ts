/**
 * Runs `consumers` copies of a consumer loop until each finds the queue drained. A crash of one
 * copy ends only the batch it held, as when a supervisor restarts a crashed process at once, so
 * the loop itself just goes on. Fails the run when it outlasts `deadlineMs`.
 */
export async function runConsumers(
  consumers: number,
  deadlineMs: number,
  consumeOnce: () => Promise<'more' | 'drained'>,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  await Promise.all(
    Array.from({ length: consumers }, async () => {
      while ((await consumeOnce()) === 'more') {
        if (Date.now() > deadline) throw new Error(`the consumers did not drain the queue within ${deadlineMs} ms`);
      }
    }),
  );
}
