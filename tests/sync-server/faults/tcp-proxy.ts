// A loopback TCP proxy between workstations and the server that misbehaves on purpose, one
// fault per request drawn from a seeded source: close the connection instead of forwarding
// it, delay every chunk, cut the request or the answer after some bytes, stall the answer, or
// let the server commit a push and throw its answer away (the retry must then come back
// "duplicate"). It knows just enough HTTP to see request lines (clients keep connections
// alive, so faults drawn per connection would be rare), and tells a test when a request passes.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Rng } from './rng';

export const FAULT_KINDS = ['drop', 'delay', 'cut-request', 'cut-response', 'stall', 'lose-push-answer'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Per request, the chance of each fault; what is left over passes untouched. */
export type FaultRates = Partial<Record<FaultKind, number>>;

export interface ProxyOptions {
  target: { host: string; port: number };
  rng: Rng;
  rates: FaultRates;
  /** Per-chunk delay range for `delay`, ms. */
  delayMs?: [number, number];
  /** Cuts fall within this many bytes of the start of the request or answer stream. */
  cutBytes?: number;
  /** How long a `stall` holds the bytes before it lets them go (or cuts). */
  stallMs?: [number, number];
  /** Called for each request line that passes towards the server. */
  onRequest?: (method: string, path: string) => void;
}

interface Plan {
  kind: FaultKind | 'pass';
  delay: number;
  cutRequestAt: number;
  cutAnswerAt: number;
  stall: { at: number; ms: number; thenCut: boolean; done: boolean } | null;
}

const REQUEST_LINE = /(GET|POST|PUT|DELETE) (\S+) HTTP\/1\.1\r\n/g;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FaultProxy {
  /** Requests so far by what was done to them; `refused`: connections the server was not there for. */
  readonly counts: Record<FaultKind | 'pass' | 'refused', number> = {
    pass: 0,
    refused: 0,
    drop: 0,
    delay: 0,
    'cut-request': 0,
    'cut-response': 0,
    stall: 0,
    'lose-push-answer': 0,
  };
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private rates: FaultRates;

  constructor(private readonly opts: ProxyOptions) {
    this.rates = opts.rates;
  }

  /** Requests the proxy misbehaved on. */
  get injected(): number {
    return FAULT_KINDS.reduce((n, k) => n + this.counts[k], 0);
  }

  setRates(rates: FaultRates): void {
    this.rates = rates;
  }

  async listen(): Promise<number> {
    const server = createServer((client) => this.handle(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as { port: number }).port;
  }

  /** Ends every connection in flight, as a network that goes away would. */
  cutAll(): void {
    for (const s of this.open) s.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private choose(): FaultKind | 'pass' {
    const x = this.opts.rng.next();
    let acc = 0;
    for (const k of FAULT_KINDS) {
      acc += this.rates[k] ?? 0;
      if (x < acc) return k;
    }
    return 'pass';
  }

  /** What happens to one request and its answer; offsets count bytes since the connection opened. */
  private plan(path: string, requestAt: number, answerAt: number): Plan {
    const { rng } = this.opts;
    let kind = this.choose();
    // Only a push has an answer worth losing; any other request passes.
    if (kind === 'lose-push-answer' && path !== '/sync/push') kind = 'pass';
    this.counts[kind]++;
    const cutBytes = this.opts.cutBytes ?? 4096;
    const [dMin, dMax] = this.opts.delayMs ?? [1, 40];
    const [sMin, sMax] = this.opts.stallMs ?? [100, 1500];
    return {
      kind,
      delay: kind === 'delay' ? rng.int(dMin, dMax) : 0,
      cutRequestAt: kind === 'drop' ? requestAt : kind === 'cut-request' ? requestAt + rng.int(1, cutBytes) : Infinity,
      cutAnswerAt: kind === 'cut-response' ? answerAt + rng.int(0, cutBytes) : kind === 'lose-push-answer' ? answerAt : Infinity,
      stall:
        kind === 'stall' ? { at: answerAt + rng.int(0, cutBytes), ms: rng.int(sMin, sMax), thenCut: rng.chance(0.5), done: false } : null,
    };
  }

  private handle(client: Socket): void {
    this.track(client);
    client.on('error', () => {});
    const upstream = connect(this.opts.target.port, this.opts.target.host);
    this.track(upstream);
    let reached = false;
    let spoke = false;
    let dying = false;
    const kill = () => {
      upstream.destroy();
      if (spoke || client.destroyed) return void client.destroy();
      // Node 20's fetch (undici 6) never settles when a connection closes before it has written
      // its request, and its timeout timer does not keep a process alive: such a close would
      // hang the workstation for 15 s, or end a bare script quietly. A server that is down
      // refuses the connection instead; so this closes once the request has started.
      if (dying) return;
      dying = true;
      client.once('data', () => client.destroy());
      setTimeout(() => client.destroy(), 2000).unref();
    };
    upstream.on('connect', () => {
      reached = true;
    });
    upstream.on('error', () => {
      if (!reached) this.counts.refused++;
      kill();
    });
    client.on('close', kill);
    upstream.on('close', kill);

    let plan: Plan = { kind: 'pass', delay: 0, cutRequestAt: Infinity, cutAnswerAt: Infinity, stall: null };
    // Bytes seen so far each way (counted as they arrive, before any delay).
    let requestBytes = 0;
    let answerBytes = 0;
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();

    /** Forwards the bytes [from, from + chunk.length) unless the plan cuts them at `cutAt`. */
    const forward = (to: Socket, chunk: Buffer, from: number, cutAt: number): boolean => {
      if (to.destroyed) return false;
      if (from + chunk.length < cutAt) {
        to.write(chunk);
        return true;
      }
      // The other end gets half a message, then the connection ends.
      const head = chunk.subarray(0, Math.max(0, cutAt - from));
      if (head.length) to.write(head, kill);
      else kill();
      return false;
    };

    client.on('data', (chunk: Buffer) => {
      spoke = true;
      // Requests are not pipelined: a new request line means the previous answer has been read.
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        this.opts.onRequest?.(m[1]!, m[2]!);
        plan = this.plan(m[2]!, requestBytes + m.index, answerBytes);
      }
      const p = plan;
      const from = requestBytes;
      requestBytes += chunk.length;
      toServer = toServer.then(async () => {
        if (p.delay) await sleep(p.delay);
        forward(upstream, chunk, from, p.cutRequestAt);
      });
    });
    client.on('end', () => void toServer.then(() => upstream.end()));

    upstream.on('data', (chunk: Buffer) => {
      const p = plan;
      const from = answerBytes;
      answerBytes += chunk.length;
      toClient = toClient.then(async () => {
        if (p.delay) await sleep(p.delay);
        const stall = p.stall;
        if (stall && !stall.done && from + chunk.length >= stall.at) {
          stall.done = true;
          // Part of the answer, then silence; then either the rest or nothing.
          const head = Math.max(0, stall.at - from);
          if (!forward(client, chunk.subarray(0, head), from, p.cutAnswerAt)) return;
          await sleep(stall.ms);
          if (stall.thenCut) return kill();
          forward(client, chunk.subarray(head), from + head, p.cutAnswerAt);
          return;
        }
        forward(client, chunk, from, p.cutAnswerAt);
      });
    });
    upstream.on('end', () => void toClient.then(() => client.end()));
  }

  private track(s: Socket): void {
    this.open.add(s);
    s.on('close', () => this.open.delete(s));
  }
}
