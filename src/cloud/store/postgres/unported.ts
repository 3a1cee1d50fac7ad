// A repository not yet written for PostgreSQL: any call says which one, rather than doing nothing.
export function unported<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, method) {
      return () => Promise.reject(new Error(`PostgreSQL store: ${name}.${String(method)} is not implemented yet`));
    },
  });
}
