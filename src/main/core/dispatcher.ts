// One dispatcher for every transport: validate the method name and the arguments against the
// contract, run the handler, and let errors travel as CoreFault (→ {code, message, retryable}).
import type { z } from 'zod';
import { CoreFault, isCoreMethod, requestSchemas, type CoreApi, type CoreMethod } from '../../contract/api.js';
import { formatProblems } from '../../contract/validation.js';

export type Handler<K extends CoreMethod> = (
  args: z.output<(typeof requestSchemas)[K]>,
) => CoreApi[K]['result'] | Promise<CoreApi[K]['result']>;
export type Handlers = { [K in CoreMethod]: Handler<K> };

export function createDispatcher(handlers: Handlers, onInternalError: (method: string, err: unknown) => void) {
  return async function dispatch(method: string, args: unknown): Promise<unknown> {
    if (!isCoreMethod(method)) throw new CoreFault('unknown_method', `unknown request "${method}"`);
    const input = args === undefined || args === null ? {} : args;
    const parsed = requestSchemas[method].safeParse(input);
    if (!parsed.success) throw new CoreFault('bad_request', formatProblems(`${method} arguments`, parsed.error, input));
    try {
      return await (handlers[method] as (a: unknown) => unknown)(parsed.data);
    } catch (err) {
      if (!(err instanceof CoreFault)) onInternalError(method, err);
      throw err;
    }
  };
}
