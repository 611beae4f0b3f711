import cliProgress from 'cli-progress';
import type { Lang } from '../output/summary';

/**
 * The run's progress on stderr (issue 19, item 4). On a terminal: a bar with the count, the rate
 * and the time left (cli-progress), redrawn in place. Otherwise, when --progress asks for it, one
 * plain line per input (`[3/40] URL … ok`), which a log file keeps readably. Otherwise nothing.
 * The total grows when a listing adds the reports it links.
 */

export interface Progress {
  /** more inputs to come (a listing's reports) */
  grow(n: number): void;
  /** one input done; `word` says how it went */
  tick(input: string, word: string): void;
  /** a line for stderr while the run goes on (above the bar, which is redrawn under it) */
  log(line: string): void;
  /** the run is over: the bar is finished and its line ended */
  stop(): void;
}

/** What the bar is drawn on: a terminal stream (process.stderr), or a stand-in in tests. */
export type BarStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export function makeProgress(opts: { lang: Lang; stream?: BarStream; lines: boolean; total: number; err(s: string): void }): Progress {
  let total = opts.total;
  let done = 0;
  if (opts.stream?.isTTY === true) {
    const zh = opts.lang === 'zh';
    const started = Date.now();
    const bars = new cliProgress.MultiBar(
      {
        stream: opts.stream,
        format: zh ? '{bar} {value}/{total} 份 | {rate} 份/秒 | 剩余 {eta_formatted}' : '{bar} {value}/{total} | {rate}/s | ETA {eta_formatted}',
        hideCursor: true,
        barsize: 30,
        etaBuffer: 20,
        fps: 5,
        // before anything has finished (or when the rate is 0) the time left reads —, not NULL or INF
        formatTime: (t, o, round) => (typeof t === 'number' && Number.isFinite(t) && done > 0 ? cliProgress.Format.TimeFormat(t, o, round) : '—'),
      },
      cliProgress.Presets.shades_classic,
    );
    const rate = (): string => {
      const s = (Date.now() - started) / 1000;
      return s > 0 ? (done / s).toFixed(1) : '0.0';
    };
    const bar = bars.create(total, 0, { rate: '0.0' });
    return {
      log(line) {
        bars.log(line + '\n');
      },
      grow(n) {
        total += n;
        bar.setTotal(total);
      },
      tick() {
        done += 1;
        bar.update(done, { rate: rate() });
      },
      stop() {
        bar.update(done, { rate: rate() });
        bars.stop();
      },
    };
  }
  return {
    log: opts.err,
    grow(n) {
      total += n;
    },
    tick(input, word) {
      done += 1;
      if (opts.lines) opts.err(`[${done}/${total}] ${input} … ${word}`);
    },
    stop() {},
  };
}
