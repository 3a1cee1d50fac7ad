// Every secret the hub config names is read at start: a missing one or a malformed EncodingAESKey
// stops the hub with one line naming it, not a failed request later.
import { describe, expect, it } from 'vitest';
import { checkSecrets, hubConfigSchema } from '../../../src/cloud/config.js';

const config = (shop: Record<string, unknown>) =>
  hubConfigSchema.parse({
    hub: { adminToken: 'env:ADMIN' },
    wechat: { shops: [{ id: 'main', appid: 'wx1', secret: 'env:SHOP', ...shop }] },
  });

describe('checkSecrets', () => {
  const env = { ADMIN: 'a', SHOP: 's', PUSH: 't', AES: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

  it('passes when every env: secret is set and the AES key has 43 characters', () => {
    expect(() => checkSecrets(config({ pushToken: 'env:PUSH', encodingAesKey: 'env:AES' }), env)).not.toThrow();
  });

  it('names a missing variable', () => {
    expect(() => checkSecrets(config({ pushToken: 'env:NOPE' }), env)).toThrow(
      'environment variable NOPE is not set (the config says "env:NOPE")',
    );
  });

  it('refuses an EncodingAESKey that is not 43 characters', () => {
    expect(() => checkSecrets(config({ encodingAesKey: 'short' }), env)).toThrow(
      'wechat.shops[main].encodingAesKey: expected the 43 letters and digits the shop backend shows',
    );
  });
});
