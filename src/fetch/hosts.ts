import PQueue from 'p-queue';
import type { RequestGate } from './fetch';

/**
 * Politeness per web site (issue 19): at most `perHost` requests to one host at a time, and
 * request starts on one host at least `delayMs` apart, whatever the run's overall concurrency.
 * A host that answered with Retry-After is held that long. One p-queue per host (a sliding-window
 * rate limit of one start per `delayMs`). Used by the CLI; the per-attempt gate of `fetchDocument`.
 */

export const DEFAULT_PER_HOST = 2;
export const DEFAULT_DELAY_MS = 500;

export interface HostLimits {
  /** requests to one host at once (≥ 1) */
  perHost: number;
  /** least time between two request starts on one host, in ms (0: none) */
  delayMs: number;
}

/** The host a URL's requests are counted against: its host name and port, lower case. */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}

export class HostLimiter implements RequestGate {
  private readonly queues = new Map<string, PQueue>();
  private readonly held = new Map<string, { until: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly limits: HostLimits) {}

  private queue(host: string): PQueue {
    let q = this.queues.get(host);
    if (!q) {
      const { perHost, delayMs } = this.limits;
      q = new PQueue(delayMs > 0 ? { concurrency: Math.max(1, perHost), intervalCap: 1, interval: delayMs, strict: true } : { concurrency: Math.max(1, perHost) });
      this.queues.set(host, q);
    }
    return q;
  }

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    return this.queue(hostKey(url)).add(task);
  }

  /** No new request to the URL's host for `ms` (a longer hold already in place stays). */
  holdOff(url: string, ms: number): void {
    const host = hostKey(url);
    const until = Date.now() + ms;
    const current = this.held.get(host);
    if (current && current.until >= until) return;
    if (current) clearTimeout(current.timer);
    const q = this.queue(host);
    q.pause();
    const timer = setTimeout(() => {
      this.held.delete(host);
      q.start();
    }, ms);
    // a hold never keeps the process alive by itself
    (timer as { unref?: () => void }).unref?.();
    this.held.set(host, { until, timer });
  }

  /** requests waiting or running for a host (for tests and the progress line) */
  pending(url: string): number {
    const q = this.queues.get(hostKey(url));
    return q ? q.size + q.pending : 0;
  }
}
