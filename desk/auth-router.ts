// Agent sign-in for the web desk and API clients. Per-IP flood protection is in memory (like the widget's);
// the lockout that matters — failed attempts per account — is in the database.
import express, { Router } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../models';
import { AgentService, profileOf } from '../models/agent-service';
import { COOKIE, requireAgent, SESSION_SECONDS, signDeskToken } from './auth';
import type { DeskContext } from './context';

/** Generous enough for an office behind one NAT address; the per-account lockout stops guessing. */
const LOGIN_ATTEMPTS_PER_MINUTE = 30;

export function authRouter(ctx: DeskContext): Router {
  const { secret, secureCookie } = ctx.config.desk;
  const agents = new AgentService({ clock: ctx.domain.clock });
  const limiter = new RateLimiterMemory({ points: LOGIN_ATTEMPTS_PER_MINUTE, duration: 60 });
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: secureCookie, path: '/' };
  const router = Router();
  router.use(express.json({ limit: '4kb' }));

  router.post('/login', async (req, res) => {
    try {
      await limiter.consume(req.ip ?? 'unknown');
    } catch (err) {
      const retryAfterMs = err instanceof RateLimiterRes ? err.msBeforeNext : 60_000;
      throw new DomainError('RATE_LIMITED', undefined, { retryAfterMs });
    }
    const agent = await agents.authenticate(req.body);
    const token = signDeskToken(agent, secret);
    res.cookie(COOKIE, token, { ...cookie, maxAge: SESSION_SECONDS * 1000 });
    res.json({ token, agent: profileOf(agent) });
  });

  router.post('/logout', requireAgent(secret), async (_req, res) => {
    await agents.revokeTokens(res.locals.agent.id);
    res.clearCookie(COOKIE, cookie);
    res.status(204).end();
  });

  router.get('/me', requireAgent(secret), (_req, res) => {
    res.json({ agent: profileOf(res.locals.agent) });
  });
  return router;
}
