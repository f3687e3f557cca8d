// A progress bar for long batches of battles (eval, report matrices, tournament, bench): drawn
// on stderr when it is a terminal, nothing otherwise, so pipes and logs stay clean.

export interface ProgressBar {
  /** The runner's onDone: `finished` of `total` battles (or other units). */
  update: (finished: number, total: number) => void;
  /** Clears the bar's line. */
  done: () => void;
}

const WIDTH = 24;

export function createProgressBar(label: string, { unit = 'battles', stream = process.stderr }: { unit?: string; stream?: NodeJS.WriteStream } = {}): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let drawn = 0;
  let shown = false;
  return {
    update(finished, total) {
      // At most ten redraws a second, but always the last.
      if (finished < total && Date.now() - drawn < 100) return;
      drawn = Date.now();
      shown = true;
      const filled = total ? Math.round((finished / total) * WIDTH) : WIDTH;
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${finished}/${total} ${unit}`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
