// The /api/supervisor calls the pages make (desk/supervisor/README.md), over the desk's session cookie. Every
// answer is parsed by its schema; filters become the query string the server validates.
import type * as z from 'zod/mini';
import { call } from '../api';
import * as s from './schemas';

export type Filters = Record<string, string | number | undefined>;

const query = (filters: Filters = {}): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
};

const read =
  <T extends z.ZodMiniType>(schema: T) =>
  (json: unknown): z.infer<T> | null => {
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : null;
  };

const base = '/api/supervisor';
const get = <T extends z.ZodMiniType>(path: string, schema: T, filters?: Filters) => call('GET', `${base}${path}${query(filters)}`, undefined, read(schema));
const send = (method: string, path: string, body: unknown = {}) => call(method, `${base}${path}`, body, (json) => json ?? {});

export const intents = () => get('/intents', s.intentsSchema);
export const utterances = (intent: string, lang?: string) => get(`/intents/${encodeURIComponent(intent)}/utterances`, s.utterancesSchema, { lang });
export const addUtterance = (body: { intent: string; lang: string; text: string }) => send('POST', '/utterances', body);
export const editUtterance = (id: string, body: { text?: string; intent?: string }) => send('PATCH', `/utterances/${encodeURIComponent(id)}`, body);
export const deleteUtterance = (id: string) => send('DELETE', `/utterances/${encodeURIComponent(id)}`);
export const audit = (area?: string) => get('/audit', s.auditSchema, { area, limit: 100 });

export const inbox = (filters: Filters) => get('/inbox', s.inboxSchema, filters);
export const addFromInbox = (messageId: number, intent: string) => send('POST', `/inbox/${messageId}/add`, { intent });
export const dismissInbox = (messageId: number) => send('POST', `/inbox/${messageId}/dismiss`);

export const models = () => get('/models', s.modelsSchema);
export const retrain = () => send('POST', '/models/retrain', { activate: false });
export const compare = (candidate: string) => get('/models/compare', s.comparisonSchema, { candidate });
export const activate = (version: string) => send('POST', `/models/${encodeURIComponent(version)}/activate`);
export const rollback = () => send('POST', '/models/rollback');
export const setThreshold = (threshold: number) => send('PUT', '/settings/threshold', { threshold });

const cancellations = '/analytics/cancellations';
export const rates = (by: string, filters: Filters) => get(`${cancellations}/rates`, s.ratesSchema, { ...filters, by });
export const heatmap = (filters: Filters) => get(`${cancellations}/heatmap`, s.heatmapSchema, filters);
export const reasons = (filters: Filters) => get(`${cancellations}/reasons`, s.reasonsSchema, filters);
export const alerts = (filters: Filters) => get(`${cancellations}/alerts`, s.alertsSchema, filters);
export const reasonsCsvUrl = (filters: Filters) => `${base}${cancellations}/reasons.csv${query(filters)}`;
export const service = (by: 'day' | 'agent', filters: Filters) => get('/analytics/service', s.serviceSchema, { ...filters, by });

export const buyers = (level?: string) => get('/credit/buyers', s.buyersSchema, { level });
export const override = (buyerId: number, body: { level: string; note: string }) => send('PUT', `/credit/buyers/${buyerId}/override`, body);
export const clearOverride = (buyerId: number, note: string) => send('DELETE', `/credit/buyers/${buyerId}/override`, { note });

// Canned responses live under /api/desk (desk/README.md); only supervisors may change them.
const canned = '/api/desk/canned';
export type CannedInput = { shortcut: string; lang: string; title: string; body: string };
export const cannedList = (lang?: string) => call('GET', `${canned}${query({ lang })}`, undefined, read(s.cannedListSchema));
export const saveCanned = (body: CannedInput, id?: number) => call(id ? 'PUT' : 'POST', id ? `${canned}/${id}` : canned, body, (json) => json ?? {});
export const deleteCanned = (id: number) => call('DELETE', `${canned}/${id}`, undefined, (json) => json ?? {});
