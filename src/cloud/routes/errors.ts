// The one error envelope {code, message, retryable} for every hub answer.
import type { FastifyReply } from 'fastify';
import type { ErrorCode } from '../../contract/api/errors.js';

export function fail(
  reply: FastifyReply,
  status: number,
  code: ErrorCode | 'unauthorized' | 'forbidden',
  message: string,
): FastifyReply {
  return reply.code(status).send({ code, message, retryable: status >= 500 || status === 429 });
}
