// One question, one answer on a byte link: send `query`, collect what comes back until `complete`
// says it is whole. Bytes that arrived before the query are not part of the answer (a late reply
// to an earlier question must not be read as this one). A printer that stays silent is an answer
// too: Zebra does not reply to ~HS while paper is out or the head is open (hardware.md C.2), so the
// caller gets null after `timeoutMs` rather than an error.
import type { ByteLink } from './types.js';

export function request(
  link: ByteLink,
  query: Uint8Array,
  complete: (buf: Uint8Array) => boolean,
  timeoutMs: number,
): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    let answer = new Uint8Array(0);
    let done = false;
    const finish = (value: Uint8Array | null, err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      offData();
      offClose();
      if (err) reject(err);
      else resolve(value);
    };
    // Subscribed only now, so whatever the link delivered earlier is ignored.
    const offData = link.onData((chunk) => {
      const next = new Uint8Array(answer.byteLength + chunk.byteLength);
      next.set(answer, 0);
      next.set(chunk, answer.byteLength);
      answer = next;
      let whole: boolean;
      try {
        whole = complete(answer);
      } catch {
        whole = false;
      }
      if (whole) finish(answer);
    });
    // A link that closes cannot answer any more: no need to sit out the timeout.
    const offClose = link.onClose(() => finish(null));
    const timer = setTimeout(() => finish(null), timeoutMs);
    link.write(query).catch((err: unknown) => finish(null, err instanceof Error ? err : new Error(String(err))));
  });
}
