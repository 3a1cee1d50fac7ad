// A repository's answer: a plain value (SQLite, synchronous underneath) or a promise (PostgreSQL).
// Apart from types.ts so the repository contracts in their own files can use it without a cycle.
export type Awaitable<T> = T | Promise<T>;
