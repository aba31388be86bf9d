// `/desk` room names: every socket joins `agents` and its own `agent:<id>`; supervisors also `supervisors`.
export const AGENTS = 'agents';
export const SUPERVISORS = 'supervisors';
export const agentRoom = (agentId: number | string): string => `agent:${agentId}`;
