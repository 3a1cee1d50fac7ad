// WeChat's message encryption for Channels pushes (wechat-api-2.md §10; WXBizMsgCrypt): the shop
// backend allows only secure mode, so every push is `{"ToUserName", "Encrypt"}` signed with
// msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join('')). The ciphertext is
// AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padded
// to 32-byte blocks; the plaintext is 16 random bytes ‖ 4-byte big-endian length ‖ message ‖ appid.
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

export class PushAuthError extends Error {
  override readonly name = 'PushAuthError';
}

const BLOCK = 32;

/** sha1 over the sorted parts, hex: WeChat's signature for URL checks and for pushes alike. */
export function wechatSignature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant time, so a forger learns nothing from how long a wrong signature took to refuse. */
export function signatureMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The 32-byte AES key from the 43-character EncodingAESKey set in the shop backend. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32)
    throw new PushAuthError('EncodingAESKey must be the 43 characters shown in the shop backend');
  return key;
}

/** Decrypts `Encrypt`; returns the message and the appid WeChat appended. Throws PushAuthError. */
export function decryptPush(encodingAesKey: string, encrypt: string): { message: string; appid: string } {
  const key = aesKeyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false); // PKCS#7 to 32-byte blocks, which Node's 16-byte check rejects
    plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  } catch {
    throw new PushAuthError('Encrypt is not valid ciphertext for this EncodingAESKey');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new PushAuthError('bad padding after decryption');
  const body = plain.subarray(16, plain.length - pad);
  const length = body.readUInt32BE(0);
  if (length > body.length - 4) throw new PushAuthError('message length is beyond the decrypted text');
  return {
    message: body.subarray(4, 4 + length).toString('utf8'),
    appid: body.subarray(4 + length).toString('utf8'),
  };
}
