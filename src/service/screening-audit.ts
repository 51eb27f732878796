import type { Store } from '../store/index.js';

// Who screened what, and when, is part of the record a sanctions screening must keep; the names
// screened are not (they are the customers' data). Matches over the API come by the thousand a
// second: they are tallied per caller and written as one audit entry per caller and window.

/** What one caller's screenings came to over a window. */
interface Tally {
  requests: number;
  queries: number;
  results: number;
  matches: number;
  versions: Set<string>;
  from: string;
  to: string;
}

/** How long the screenings of a window are tallied before they are written (a server's default). */
export const SCREENING_AUDIT_WINDOW_MS = 10_000;

/**
 * Tallies the API's screenings per caller and writes each tally to the audit trail as a
 * `screening.match` entry: requests, queries, results, matches, the list versions screened
 * against, and the window.
 */
export class ScreeningAudit {
  private tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store, windowMs = SCREENING_AUDIT_WINDOW_MS, private readonly onError: (error: unknown) => void = () => {}) {
    this.timer = setInterval(() => void this.flush(), windowMs);
    this.timer.unref();
  }

  /** One request's screenings. */
  record(actor: string, counts: { queries: number; results: number; matches: number; versions: string[] }): void {
    const now = new Date().toISOString();
    const tally = this.tallies.get(actor) ?? { requests: 0, queries: 0, results: 0, matches: 0, versions: new Set<string>(), from: now, to: now };
    tally.requests++;
    tally.queries += counts.queries;
    tally.results += counts.results;
    tally.matches += counts.matches;
    for (const version of counts.versions) tally.versions.add(version);
    tally.to = now;
    this.tallies.set(actor, tally);
  }

  /** Write what has been tallied (one write at a time: entries keep their order). */
  flush(): Promise<void> {
    const tallies = this.tallies;
    this.tallies = new Map();
    this.writing = this.writing.then(async () => {
      for (const [actor, t] of tallies) {
        await this.store.recordAudit({ actor, action: 'screening.match', after: { requests: t.requests, queries: t.queries, results: t.results, matches: t.matches, versions: [...t.versions].sort(), from: t.from, to: t.to } })
          .catch((error: unknown) => this.onError(error));
      }
    });
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
