/**
 * One delivery attempt: POST a clue record and classify the outcome. Never throws for network
 * trouble: a refused or dropped connection and a timeout are outcomes too.
 */
import { SIGNATURE_HEADER, signBody } from './sign-body.ts';

export type AttemptOutcome =
  | { kind: 'delivered'; status: number; body: string }
  | { kind: 'rejected'; status: number; body: string }
  | { kind: 'retry'; status: number | null; body: string | null; error: string };

export interface PostOptions {
  url: string;
  /** HMAC key; without it no signature header is sent. */
  secret?: string;
  /** Per-request limit in ms (connect + response + body). */
  timeoutMs: number;
  /** Aborts the attempt early (deliverer shutting down). */
  signal?: AbortSignal;
}

/** Stored response bodies are cut to this many characters. */
const BODY_LIMIT = 2000;

export async function postRecord(body: string, idempotencyKey: string, opts: PostOptions): Promise<AttemptOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'idempotency-key': idempotencyKey,
    'user-agent': 'landwatch-deliver/1',
  };
  if (opts.secret !== undefined) headers[SIGNATURE_HEADER.toLowerCase()] = signBody(body, opts.secret);
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  try {
    const res = await fetch(opts.url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    const text = (await res.text()).slice(0, BODY_LIMIT);
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered', status: res.status, body: text };
    // 408 and 429 say "try again later"; every other 4xx is the receiver refusing this record.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      return { kind: 'rejected', status: res.status, body: text };
    }
    return { kind: 'retry', status: res.status, body: text, error: `HTTP ${res.status}` };
  } catch (err) {
    return { kind: 'retry', status: null, body: null, error: describe(err, timeout) };
  }
}

function describe(err: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) return 'timeout';
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message ?? e.name}: ${cause}` : (e.message ?? String(err));
}
