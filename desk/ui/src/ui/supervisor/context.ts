// What every supervisor page reads: both string tables, the language and the toast.
import { createContext } from 'preact';
import type { Lang, Texts } from '../../i18n';
import type { SupervisorTexts } from '../../supervisor/texts';
import type { Toast } from '../context';

export interface SupervisorContext {
  t: Texts;
  s: SupervisorTexts;
  lang: Lang;
  toast(toast: Toast): void;
}

export const SvCtx = createContext<SupervisorContext>(null as unknown as SupervisorContext);
