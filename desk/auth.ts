// Desk sessions: HS256 JWTs signed with DESK_SECRET for the `kadesk-desk` audience, carrying the agent's token
// version (logout bumps it). Every socket connection and REST call resolves the agent from the database, so a
// role change or a logout takes effect at once. A widget token (other secret, no audience) never passes.
import { parse as parseCookie } from 'cookie';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { ExtendedError, Socket } from 'socket.io';
import { z } from 'zod';
import { Agent, DomainError, ERROR_CODES } from '../models';
import type { AgentRole } from '../models/desk-enums';

export const COOKIE = 'kadesk_desk';
const AUDIENCE = 'kadesk-desk';
export const SESSION_SECONDS = 12 * 3600;

const claimsSchema = z.object({ sub: z.string().regex(/^\d+$/), ver: z.number().int().min(0) });

export const signDeskToken = (agent: Agent, secret: string): string =>
  jwt.sign({ ver: agent.tokenVersion }, secret, { algorithm: 'HS256', subject: String(agent.id), audience: AUDIENCE, expiresIn: SESSION_SECONDS });

/** The agent a token stands for; AUTH_REQUIRED without one, AUTH_INVALID for anything else wrong. */
export async function agentFromToken(token: unknown, secret: string): Promise<Agent> {
  if (typeof token !== 'string' || token.length === 0) throw new DomainError('AUTH_REQUIRED');
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, secret, { algorithms: ['HS256'], audience: AUDIENCE });
  } catch {
    throw new DomainError('AUTH_INVALID', 'The desk token is not valid or has expired');
  }
  const claims = claimsSchema.safeParse(decoded);
  if (!claims.success) throw new DomainError('AUTH_INVALID', 'The desk token is not valid');
  const agent = await Agent.findByPk(Number(claims.data.sub));
  if (!agent || agent.tokenVersion !== claims.data.ver) throw new DomainError('AUTH_INVALID', 'The desk session has ended; sign in again');
  return agent;
}

export function requireRole(agent: Agent, role: AgentRole | null): void {
  if (role === 'supervisor' && agent.role !== 'supervisor') throw new DomainError('FORBIDDEN');
}

/** Bearer token first (API clients, load tests), then the web desk's cookie. */
export function tokenOf(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? (cookieHeader ? parseCookie(cookieHeader)[COOKIE] : undefined);
}

export interface DeskSocketData {
  agentId: number;
}

export function deskSocketAuth(secret: string) {
  return (socket: Socket, next: (err?: ExtendedError) => void): void => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const token = typeof auth.token === 'string' ? auth.token : tokenOf(undefined, socket.handshake.headers.cookie);
    agentFromToken(token, secret)
      .then((agent) => {
        socket.data = { agentId: agent.id } satisfies DeskSocketData;
        next();
      })
      .catch((err: unknown) => {
        const code = err instanceof DomainError ? err.code : 'INTERNAL';
        const refusal = new Error(code) as ExtendedError;
        refusal.data = { code, message: err instanceof DomainError ? err.message : ERROR_CODES.AUTH_INVALID };
        next(refusal);
      });
  };
}

/** Express middleware: `res.locals.agent` for the route, or the error for the server's error handler. */
export function requireAgent(secret: string, role: AgentRole | null = null) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const agent = await agentFromToken(tokenOf(req.headers.authorization, req.headers.cookie), secret);
      requireRole(agent, role);
      res.locals.agent = agent;
      next();
    } catch (err) {
      next(err);
    }
  };
}
