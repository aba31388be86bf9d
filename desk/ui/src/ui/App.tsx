// The session gate: asks the server who is signed in (the cookie decides), shows the sign-in page or the desk,
// and holds the UI language (remembered in this browser).
import { useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { LANGS, TEXTS, type Lang } from '../i18n';
import type { AgentProfile } from '../protocol';
import { Desk } from './Desk';
import { Login } from './Login';
import { Workspaces } from './supervisor/Workspaces';

const LANG_KEY = 'kadesk.desk.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return (LANGS as readonly string[]).includes(saved ?? '') ? (saved as Lang) : 'zh-CN';
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [agent, setAgent] = useState<AgentProfile | null | undefined>(undefined);
  const t = TEXTS[lang];

  useEffect(() => {
    void api.me().then((r) => setAgent(r.ok ? r.value : null));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.appName;
    localStorage.setItem(LANG_KEY, lang);
  }, [lang]);

  const toggleLang = () => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN');
  if (agent === undefined) return <div class="splash">{t.connecting}</div>;
  if (agent === null) return <Login t={t} onLang={toggleLang} onSignedIn={setAgent} />;
  const desk = <Desk key={agent.id} lang={lang} agent={agent} onLang={toggleLang} onSignedOut={() => setAgent(null)} />;
  // Supervisors also get their workspaces (intent tuning, analytics, service, credit); agents only the desk.
  return agent.role === 'supervisor' ? <Workspaces key={agent.id} lang={lang} desk={desk} /> : desk;
}
