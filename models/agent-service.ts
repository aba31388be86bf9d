// Desk accounts: creation with bcrypt hashes, sign-in with a lockout kept in the database (so every node counts
// the same failures), and token versions that logout bumps to revoke what was issued.
import bcrypt from 'bcryptjs';
import { Op, UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import { AGENT_ROLES } from './desk-enums';
import { DomainError } from './errors';
import { Agent } from './tables';
import { parseInput } from './validate';

const BCRYPT_ROUNDS = 10;
/** A hash of nothing in particular, compared against when the email is unknown. */
const DUMMY_HASH = '$2b$10$incPexY5KqgUkTkDNrBGlexKBwPYv/C0mi44525cHfpVkELq1LBsy';
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

export const newAgentInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  name: z.string().trim().min(1).max(64),
  role: z.enum(AGENT_ROLES),
  password: z.string().min(8).max(128),
  maxChats: z.number().int().min(1).max(50).optional(),
});

export const loginInput = z.object({ email: z.string().trim().toLowerCase().min(1).max(254), password: z.string().min(1).max(128) }).strict();

/** What the desk may show of an agent (never the hash). */
export interface AgentProfile {
  id: number;
  email: string;
  name: string;
  role: Agent['role'];
  maxChats: number;
}

export const profileOf = (a: Agent): AgentProfile => ({ id: a.id, email: a.email, name: a.name, role: a.role, maxChats: a.maxChats });

export class AgentService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Creates an account, or returns the existing one with that email (`created: false`) — seeding is repeatable. */
  async ensure(input: z.input<typeof newAgentInput>): Promise<{ agent: Agent; created: boolean }> {
    const data = parseInput(newAgentInput, input);
    const known = await Agent.findOne({ where: { email: data.email } });
    if (known) return { agent: known, created: false };
    const passwordHash = await bcrypt.hash(data.password, BCRYPT_ROUNDS);
    try {
      const agent = await Agent.create({ email: data.email, name: data.name, role: data.role, passwordHash, maxChats: data.maxChats ?? 5 });
      return { agent, created: true };
    } catch (err) {
      if (err instanceof UniqueConstraintError) return { agent: await Agent.findOne({ where: { email: data.email }, rejectOnEmpty: true }), created: false };
      throw err;
    }
  }

  async get(id: number): Promise<Agent | null> {
    return Agent.findByPk(id);
  }

  /**
   * Checks the password. A locked account is refused before the hash is compared (no oracle while locked);
   * unknown emails and wrong passwords get the same AUTH_INVALID.
   */
  async authenticate(input: unknown): Promise<Agent> {
    const data = parseInput(loginInput, input);
    const now = this.deps.clock.now();
    const agent = await Agent.findOne({ where: { email: data.email } });
    if (!agent) {
      // Spend the same time as a real comparison so response times do not reveal which emails exist.
      await bcrypt.compare(data.password, DUMMY_HASH);
      throw new DomainError('AUTH_INVALID');
    }
    if (agent.lockedUntil && agent.lockedUntil > now) {
      throw new DomainError('AUTH_LOCKED', undefined, { lockedUntil: agent.lockedUntil.toISOString() });
    }
    if (await bcrypt.compare(data.password, agent.passwordHash)) {
      if (agent.failedLogins > 0 || agent.lockedUntil) await agent.update({ failedLogins: 0, lockedUntil: null });
      return agent;
    }
    await this.recordFailure(agent.id, now);
    const after = await Agent.findByPk(agent.id, { rejectOnEmpty: true });
    if (after.lockedUntil && after.lockedUntil > now) throw new DomainError('AUTH_LOCKED', undefined, { lockedUntil: after.lockedUntil.toISOString() });
    throw new DomainError('AUTH_INVALID');
  }

  /** One increment per failure in SQL, so concurrent guesses on two nodes all count; the fifth locks. */
  private async recordFailure(id: number, now: Date): Promise<void> {
    const sequelize = Agent.sequelize!;
    await Agent.update({ failedLogins: sequelize.literal('failed_logins + 1') as unknown as number, updatedAt: now }, { where: { id } });
    await Agent.update(
      { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.minutes * 60_000), updatedAt: now },
      { where: { id, failedLogins: { [Op.gte]: LOCKOUT.failures } } },
    );
  }

  /** Logout: every token issued before carries an older version and is refused from now on. */
  async revokeTokens(id: number): Promise<void> {
    const sequelize = Agent.sequelize!;
    await Agent.update({ tokenVersion: sequelize.literal('token_version + 1') as unknown as number }, { where: { id } });
  }
}
