import { expect } from 'vitest';

/**
 * A JSON client for the class server's REST API in tests: `base()` is read at each call (the
 * server starts in beforeAll). A string body goes as is with `type`; a change without a body
 * sends `{}`, since the server refuses simple requests. Fails the test on a status of 300 or more.
 */
export function restClient(base: () => string) {
  return async function api<T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: method !== 'GET' ? { 'Content-Type': type } : {},
      body: typeof body === 'string' ? body : body ? JSON.stringify(body) : method !== 'GET' ? '{}' : undefined,
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
}
