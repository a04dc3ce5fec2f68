// Webhook signatures: an HMAC-SHA256 of the raw body with the saved search's secret, sent as
// `X-DSR-Signature: sha256=<hex>` (the form GitHub uses), so a receiver can check the body came
// from us unaltered. The body carries its own `sentAt`, covered by the signature, against replays.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-dsr-signature";
export const TIMESTAMP_HEADER = "x-dsr-timestamp";

/** @example signBody("s3cret", '{"a":1}') // "sha256=4f…" */
export function signBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, body: string | Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}
