// Talking to the server: JSON requests with a timeout, and every refusal turned into a
// VigilFailure whose code says what to do (sign in again, update, work on offline).
import { VigilFailure } from '../../shared/errors';
import { DEVICE_HEADER, type ErrorBody } from '../../shared/sync';

/** A request that takes longer than this counts as the server being unreachable. */
export const TIMEOUT_MS = 15_000;

export function headersFor(token: string | undefined, json: boolean, device?: string): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (device) headers[DEVICE_HEADER] = device;
  return headers;
}

export function unreachable(url: string, e: unknown): VigilFailure {
  return new VigilFailure(
    'transport',
    `The server at ${new URL(url).origin} cannot be reached (${(e as Error).message}); work goes on offline.`,
  );
}

export function refusal(status: number, body: unknown): VigilFailure {
  const err = (body as ErrorBody | null)?.error;
  const code = status === 401 ? 'unauthenticated' : status === 426 ? 'update_required' : 'server_refused';
  return new VigilFailure(code, err?.message ?? `The server answered ${status}.`, { status, code: err?.code });
}

/** `device`: the device token a sign-in brings (see DEVICE_HEADER). */
export async function request<T>(url: string, init: RequestInit & { token?: string; device?: string }): Promise<T> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { ...init, headers: headersFor(init.token, !!init.body, init.device), signal: AbortSignal.timeout(TIMEOUT_MS) });
    // An answer cut off half way is the network failing too, not a fault of ours.
    text = await res.text();
  } catch (e) {
    throw unreachable(url, e);
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new VigilFailure('transport', `The server answered ${res.status} with something that is not JSON.`);
  }
  if (!res.ok) throw refusal(res.status, body);
  return body as T;
}
