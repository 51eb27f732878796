// The API bench's load generator, in a process of its own (so that it does not share the
// server's event loop): reads its options as JSON on standard input, prints the result as JSON.
// Saturated: autocannon, its connections as fast as they go. Fixed rate: an open loop sending
// requests evenly spaced (autocannon's rate releases each second's requests at once), each
// timed from when it was due, not when it could be sent (no coordinated omission).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';

interface Options {
  url: string;
  connections: number;
  duration: number;
  /** Requests a second, evenly spaced; absent: saturated. */
  rate?: number;
  requests?: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }[];
}

const options = JSON.parse(readFileSync(0, 'utf8')) as Options;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
}

if (options.rate === undefined) {
  autocannon({ url: options.url, connections: options.connections, duration: options.duration, requests: options.requests }, (error, result) => {
    if (error) throw error;
    process.stdout.write(JSON.stringify({ average: result.requests.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, timeouts: result.timeouts, sent: result.requests.sent }));
  });
} else {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const interval = 1000 / options.rate;
  const total = Math.round(options.rate * options.duration);
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let done = 0;
  let sent = 0;
  const start = performance.now();
  const fire = (due: number, i: number): void => {
    const spec = options.requests?.[i % options.requests.length] ?? { method: 'GET' as const, path: target.pathname, headers: {} };
    const req = request({ host: target.hostname, port: target.port, method: spec.method, path: spec.path, headers: spec.headers, agent }, (res) => {
      if ((res.statusCode ?? 0) >= 300) non2xx++;
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - due);
        finish();
      });
    });
    req.on('error', () => {
      errors++;
      finish();
    });
    req.end(spec.body);
  };
  const finish = (): void => {
    if (++done < total) return;
    const elapsed = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    process.stdout.write(JSON.stringify({ average: done / elapsed, p50: round(percentile(latencies, 0.5)), p90: round(percentile(latencies, 0.9)), p99: round(percentile(latencies, 0.99)), errors, non2xx, timeouts: 0, sent }));
    agent.destroy();
  };
  const tick = (): void => {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) fire(start + sent * interval, sent++);
    if (sent < total) setImmediate(tick);
  };
  tick();
}
