import { clearLine, cursorTo } from 'node:readline';
import { SingleBar } from 'cli-progress';
import type { Io } from './output.js';

/**
 * What a long command (load, update, export) is doing, shown on standard error when it is a
 * terminal, one stage at a time, as `screen` shows its bar. Elsewhere (a pipe, a file, a test)
 * nothing of it is written, so the output of scripts stays what it was.
 *
 * @example
 * const progress = createProgress(io);
 * progress.stage('parsing', paths.length, 'files');
 * progress.update(1, 'sdn.csv');
 * progress.stop();
 */
export interface Progress {
  /** Show a new stage, ending the one before: a bar of `total` steps when they are known, else a count (with a `unit`) or only the time spent. */
  stage(label: string, total?: number, unit?: string): void;
  /** The stage has done `value` steps; `detail` names what it works on now (a file, a dataset). */
  update(value: number, detail?: string): void;
  /** A line for the person (a warning, a retry), written above the stage shown, or as it is when none is. */
  note(line: string): void;
  /** End the stage shown, leaving its last state on the terminal; always call it (a shown stage redraws on a timer). */
  stop(): void;
}

export interface ProgressOptions {
  /**
   * The command writes its results on standard output: no progress when that is the same
   * terminal, where the two would be interleaved (`interdict export` read on the screen).
   */
  besideOutput?: boolean;
}

const SILENT_STAGES = { stage: () => {}, update: () => {}, stop: () => {} };

/** A progress display on `io.err`, or one that shows nothing when `io.err` is not a terminal. */
export function createProgress(io: Io, options: ProgressOptions = {}): Progress {
  const stream = io.err as NodeJS.WriteStream;
  const shown = Boolean(stream.isTTY) && !(options.besideOutput && (io.out as NodeJS.WriteStream).isTTY);
  if (!shown) return { ...SILENT_STAGES, note: (line) => void io.err.write(`${line}\n`) };

  let bar: SingleBar | undefined;
  let lastDetail = '';
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    stage(label, total, unit = '') {
      stop();
      lastDetail = '';
      const units = unit ? ` ${unit}` : '';
      const head = total !== undefined ? `${label} {bar} {value}/{total}${units}` : unit ? `${label} {value}${units}` : label;
      // Screen's bar, without hiding the cursor or turning line wrapping off: these commands stop
      // on Ctrl-C without a handler that could restore the terminal. A line too long for the
      // terminal is cut instead, so the detail (a path, the longest part) comes last.
      bar = new SingleBar({ stream, format: `${head} | {duration_formatted}{detail}`, hideCursor: false, linewrap: true });
      bar.start(total ?? 0, 0, { detail: '' });
    },
    update(done, detail) {
      const shownDetail = detail ? ` | ${detail}` : '';
      bar?.update(done, { detail: shownDetail });
      // A new file or dataset is drawn at once: the bar's own redraws are throttled, and a quick step would never be seen.
      if (shownDetail !== lastDetail) bar?.render();
      lastDetail = shownDetail;
    },
    note(line) {
      // The stage's line is cleared for the note and drawn again below it at its next redraw.
      if (bar) {
        clearLine(stream, 0);
        cursorTo(stream, 0);
      }
      stream.write(`${line}\n`);
    },
    stop,
  };
}
