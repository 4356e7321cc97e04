/** How often a live counter redraws at most. */
const REDRAW_MS = 100;

export interface Progress {
  add(count: number): void;
  /** Removes the counter's line (results go to stdout; this is only for the person watching). */
  done(): void;
}

/**
 * A live counter (`published 4,200`) on stderr, only when stderr is a TTY: scripts and logs get
 * nothing from it. A command that prints each item as it goes (`printsItems`) shows it only while
 * its stdout goes elsewhere (a file, a pipe), since on the same terminal the items show the progress
 * and the counter would break their lines. Redraws at most every 100 ms.
 */
export function liveCounter(label: string, { printsItems = false } = {}): Progress {
  const stderr = process.stderr;
  if (!stderr.isTTY || (printsItems && process.stdout.isTTY)) return { add() {}, done() {} };
  let count = 0;
  let drawnAt = 0;
  const draw = () => {
    drawnAt = Date.now();
    stderr.clearLine(0);
    stderr.cursorTo(0);
    stderr.write(`${label} ${count.toLocaleString('en')}`);
  };
  draw();
  return {
    add(more) {
      count += more;
      if (Date.now() - drawnAt >= REDRAW_MS) draw();
    },
    done() {
      stderr.clearLine(0);
      stderr.cursorTo(0);
    },
  };
}
