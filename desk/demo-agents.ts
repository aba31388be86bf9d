// Demo desk accounts, created at start in demo mode (repeatable: existing accounts are kept) and printed in
// the start banner, with the demo canned responses (owned by the demo supervisor). Never used outside demo mode.
import type { AgentService } from '../models/agent-service';
import { ensureDemoCanned } from './demo-canned';

export const DEMO_AGENTS = [
  { email: 'agent@kadesk.local', password: 'kadesk-agent-demo', name: '小林', role: 'agent' as const },
  { email: 'agent2@kadesk.local', password: 'kadesk-agent-demo', name: '小周', role: 'agent' as const },
  { email: 'supervisor@kadesk.local', password: 'kadesk-super-demo', name: '王主管', role: 'supervisor' as const },
];

export async function ensureDemoAgents(agents: AgentService): Promise<string[]> {
  for (const a of DEMO_AGENTS) {
    const { agent } = await agents.ensure(a);
    if (agent.role === 'supervisor') await ensureDemoCanned(agent);
  }
  return DEMO_AGENTS.map((a) => `  ${a.role.padEnd(10)} ${a.email} / ${a.password}`);
}
