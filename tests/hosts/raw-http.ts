// Raw HTTP/1.1 over a socket: the request line and headers go out byte for byte, as a hostile
// client would send them (fetch and node:http would normalise or refuse many of them).
import { connect } from 'node:net';

export interface RawResponse {
  /** 0 when the connection closed without a status line. */
  status: number;
  headers: Record<string, string[]>;
  body: string;
  raw: string;
}

/** Sends `request` as it is and reads until the server closes the connection. */
export function rawRequest(port: number, request: string | Buffer, opts: { endAfterWrite?: boolean } = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    // A reset after the answer (the server closing with our bytes unread) still leaves the answer.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parse(Buffer.concat(chunks).toString('latin1'))));
    socket.write(request);
    if (opts.endAfterWrite) socket.end();
  });
}

function parse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = split < 0 ? '' : raw.slice(split + 4);
  if (headers['transfer-encoding']?.[0] === 'chunked') body = unchunk(body);
  return { status, headers, body: Buffer.from(body, 'latin1').toString('utf8'), raw };
}

function unchunk(text: string): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const eol = text.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(text.slice(at, eol), 16);
    if (!size) break;
    out += text.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
  return out;
}

/** A request with a loopback Host header and `Connection: close`, so the answer ends the read. */
export function get(port: number, target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawRequest(port, `${lines.join('\r\n')}\r\n\r\n`);
}

/** A POST to a contract method, JSON body, optionally with a Cookie header. */
export function post(port: number, method: string, args: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const body = Buffer.from(JSON.stringify(args), 'utf8');
  const lines = [
    `POST /api/${method} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
  ];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawRequest(port, Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]));
}
