// The desk's REST calls: sign-in, sign-out and who am I. The session is the HTTP-only cookie the server sets;
// the page never stores a token itself.
import { agentSchema, errorSchema, type AgentProfile, type DeskError } from './protocol';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; error: DeskError };

export async function call<T>(method: string, path: string, body: unknown, read: (json: unknown) => T | null): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'NETWORK', message: 'network error' } };
  }
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = errorSchema.safeParse((json as { error?: unknown } | null)?.error);
    return { ok: false, status: res.status, error: parsed.success ? parsed.data : { code: `HTTP_${res.status}`, message: res.statusText } };
  }
  const value = read(json);
  return value === null ? { ok: false, status: res.status, error: { code: 'BAD_RESPONSE', message: 'unexpected response' } } : { ok: true, value };
}

const agentOf = (json: unknown): AgentProfile | null => {
  const parsed = agentSchema.safeParse((json as { agent?: unknown } | null)?.agent);
  return parsed.success ? parsed.data : null;
};

export const login = (email: string, password: string) => call('POST', '/api/auth/login', { email, password }, agentOf);
export const me = () => call('GET', '/api/auth/me', undefined, agentOf);
export const logout = () => call('POST', '/api/auth/logout', undefined, () => true);

