/**
 * Test support (not a test): a case-system receiver on 127.0.0.1 with a random port that misbehaves
 * on purpose — 5xx, stalls that never answer, connections destroyed before or after processing —
 * and dedupes by Idempotency-Key like a real receiver must.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from './sign-body.ts';

export interface ReceiverBehaviour {
  /** Probabilities per request, applied in this order; the rest are processed normally. */
  fail5xx?: number;
  stall?: number;
  dropBefore?: number;
  /** Processes the record, then drops the connection (the sender never sees the 2xx). */
  dropAfter?: number;
  /** Keys for which the receiver never answers, every time. */
  stallKey?: (key: string) => boolean;
  /** Keys for which the receiver answers 422. */
  reject?: (key: string) => boolean;
  secret?: string;
  /** Deterministic randomness. */
  random?: () => number;
}

export interface Receiver {
  url: string;
  /** Times each key was processed (accepted for the first time counts 1; dedupe keeps it at 1). */
  processed: Map<string, number>;
  /** Requests seen per key, including failures and duplicates. */
  requests: Map<string, number>;
  badSignatures: number;
  rejected: Set<string>;
  close(): Promise<void>;
}

export async function startReceiver(b: ReceiverBehaviour): Promise<Receiver> {
  const rnd = b.random ?? Math.random;
  const processed = new Map<string, number>();
  const requests = new Map<string, number>();
  const rejected = new Set<string>();
  const r = { badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const body = Buffer.concat(chunks);
      if (b.stallKey?.(key)) return; // never answers
      let x = rnd();
      if ((x -= b.fail5xx ?? 0) < 0) return void res.writeHead(503).end('busy');
      if ((x -= b.stall ?? 0) < 0) return; // never answers
      if ((x -= b.dropBefore ?? 0) < 0) return void req.socket.destroy();
      if (b.secret !== undefined && !verifySignature(body, b.secret, String(req.headers['x-landwatch-signature'] ?? ''))) {
        r.badSignatures += 1;
        return void res.writeHead(401).end('bad signature');
      }
      if (b.reject?.(key)) {
        rejected.add(key);
        return void res.writeHead(422, { 'content-type': 'application/json' }).end('{"error":"XZQDM not in our jurisdiction"}');
      }
      JSON.parse(body.toString('utf8'));
      if (!processed.has(key)) processed.set(key, 1); // dedupe: a repeated key is acknowledged, not re-processed
      if ((x -= b.dropAfter ?? 0) < 0) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/clues`,
    processed,
    requests,
    rejected,
    get badSignatures() {
      return r.badSignatures;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
