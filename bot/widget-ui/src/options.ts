// The embed tag's data-* attributes, validated. `data-server` defaults to where widget.js was loaded from.
import * as z from 'zod/mini';
import { LANGS } from './i18n';

export const optionsSchema = z
  .object({
    server: z.url(),
    token: z.optional(z.string().check(z.minLength(1))),
    tokenUrl: z.optional(z.string().check(z.minLength(1))),
    lang: z._default(z.catch(z.enum(LANGS), 'zh-CN'), 'zh-CN'),
    position: z._default(z.catch(z.enum(['right', 'left']), 'right'), 'right'),
    color: z._default(z.catch(z.string().check(z.regex(/^#[0-9a-fA-F]{3,8}$/)), '#ff5a1f'), '#ff5a1f'),
  })
  .check(z.refine((o) => Boolean(o.token || o.tokenUrl), { message: 'data-token or data-token-url is required' }));
export type WidgetOptions = z.infer<typeof optionsSchema>;

export function readOptions(dataset: Record<string, string | undefined>, scriptOrigin: string): WidgetOptions {
  const parsed = optionsSchema.safeParse({ ...dataset, server: dataset.server || scriptOrigin });
  if (!parsed.success) throw new Error(`KaDesk widget: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'tag'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
