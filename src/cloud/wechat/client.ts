// One WeChat app (a Channels shop or a mini program): business calls with the token attached.
import { checkReply, classify, WechatError } from './errors.js';
import type { UploadFile, WechatHttp } from './http.js';
import type { TokenSource } from './token.js';

/** The seam the API modules (channels, miniprogram, report) depend on; tests may fake it. */
export interface WechatCaller {
  /** Resolves to the whole reply when errcode is 0; throws WechatError or TransportError otherwise. */
  call<T>(path: string, body: unknown): Promise<T>;
}

/** Times a call of a paced API is sent again after 45011 before the caller hears of it. */
const PACED_RETRIES = 3;

export class WechatApp implements WechatCaller {
  private readonly http: WechatHttp;
  private readonly tokens: TokenSource;

  constructor(opts: { http: WechatHttp; tokens: TokenSource }) {
    this.http = opts.http;
    this.tokens = opts.tokens;
  }

  /**
   * On a token-class errcode (40001/42001/40014/41001) the token is dropped, a fresh one fetched in
   * normal mode, and the call retried exactly once (§1.3). Retrying a write here is safe: WeChat
   * checks the token before it looks at the body, so the rejected call did nothing. A second
   * token failure throws WechatError with cls 'token' — "stop and alert", never force_refresh.
   */
  async call<T>(path: string, body: unknown): Promise<T> {
    if (this.http.pacer?.isExhausted(path))
      throw new WechatError(path, 45009, 'daily quota used up: the hub sends no more until midnight, China time');
    const token = await this.tokens.get();
    let reply = await this.http.post(path, body, token);
    // A paced API answered 45011: the pacer closed it for a window; the refused call did nothing,
    // so sending it again once the window passed is safe, even for a write.
    for (let i = 0; i < PACED_RETRIES && reply['errcode'] === 45011 && this.http.pacer?.paces(path); i++)
      reply = await this.http.post(path, body, token);
    const errcode = reply['errcode'];
    if (typeof errcode === 'number' && classify(path, errcode) === 'token') {
      this.tokens.invalidate(token);
      const again = await this.tokens.get();
      return checkReply<T>(path, await this.http.post(path, body, again));
    }
    return checkReply<T>(path, reply);
  }

  /** A multipart file upload with the token attached; the same one-retry on a token-class errcode. */
  async upload<T>(path: string, field: string, file: UploadFile): Promise<T> {
    const bare = path.split('?')[0] ?? path;
    const token = await this.tokens.get();
    const reply = await this.http.postFile(path, field, file, token);
    const errcode = reply['errcode'];
    if (typeof errcode === 'number' && classify(bare, errcode) === 'token') {
      this.tokens.invalidate(token);
      return checkReply<T>(bare, await this.http.postFile(path, field, file, await this.tokens.get()));
    }
    return checkReply<T>(bare, reply);
  }
}
