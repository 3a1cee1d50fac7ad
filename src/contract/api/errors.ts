// One error envelope for every transport: {code, message, retryable}.

export const ERROR_CODES = [
  'bad_request',
  'unknown_method',
  'not_found',
  'conflict',
  'device_unavailable',
  'not_simulated',
  'transport',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

/** An error the core raises on purpose; anything else becomes `internal`. */
export class CoreFault extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'CoreFault';
  }
}

export function toEnvelope(err: unknown): ErrorEnvelope {
  if (err instanceof CoreFault) return { code: err.code, message: err.message, retryable: err.retryable };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, retryable: false };
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.retryable === 'boolean';
}
