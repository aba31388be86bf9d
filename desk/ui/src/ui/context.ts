// What every desk component reads: the language, the signed-in agent, the connection and the state's dispatch.
import { createContext } from 'preact';
import type { DeskEvent } from '../desk-state';
import type { Lang, Texts } from '../i18n';
import type { AgentProfile } from '../protocol';
import type { DeskConnection } from './connection';
import type { Outbox } from './outbox';

export interface Toast {
  kind: 'ok' | 'error';
  text: string;
}

export interface DeskContext {
  t: Texts;
  lang: Lang;
  me: AgentProfile | null;
  conn: DeskConnection;
  dispatch(e: DeskEvent): void;
  toast(toast: Toast): void;
  outbox: Outbox;
}

export const Ctx = createContext<DeskContext>(null as unknown as DeskContext);
