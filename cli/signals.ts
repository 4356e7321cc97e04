/**
 * An AbortSignal that aborts on the first SIGINT (Ctrl-C) or SIGTERM, so that a long-running command
 * (consume, tail, watch) finishes its in-flight work and exits 0. The handlers are `once`: a second
 * signal meets Node's default action and ends the process at once.
 */
export function untilInterrupted(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}
