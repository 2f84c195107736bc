/** HMAC-SHA256 of the exact request body, lower-case hex: the X-Landwatch-Signature header. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Landwatch-Signature';

export function signBody(body: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time check a receiver can use. */
export function verifySignature(body: string | Buffer, secret: string, signature: string): boolean {
  const expected = Buffer.from(signBody(body, secret), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
