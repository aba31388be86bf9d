import { Agent } from '../../models';
import { Harness, startHarness, tokenFor } from '../bot/widget-harness';
import { Deskside, login, makeAgent, tokenOf } from './desk-harness';

describe('desk auth', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('sqlite');
  });
  afterAll(() => h.close());

  test('login returns a token and an HTTP-only cookie; the token opens the desk', async () => {
    const { email, password, agent } = await makeAgent(h, 'agent');
    const res = await login(h, email.toUpperCase(), password);
    expect(res.status).toBe(200);
    expect(res.body.agent).toEqual({ id: agent.id, email, name: agent.name, role: 'agent', maxChats: 5 });
    expect(res.cookie).toMatch(/kadesk_desk=.+HttpOnly/i);
    const desk = await Deskside.connect(h, res.body.token);
    await desk.until(() => desk.of('queue:snapshot')[0], 'snapshot');
    const me = await fetch(`${h.url}/api/auth/me`, { headers: { cookie: res.cookie!.split(';')[0]! } });
    expect(((await me.json()) as any).agent.id).toBe(agent.id);
    desk.close();
  });

  test('wrong passwords lock the account after five tries, even for the right password, until the lock passes', async () => {
    const { email, password, agent } = await makeAgent(h);
    for (let i = 0; i < 4; i++) expect((await login(h, email, 'wrong password')).body.error.code).toBe('AUTH_INVALID');
    const fifth = await login(h, email, 'wrong password');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('AUTH_LOCKED');
    expect((await login(h, email, password)).status).toBe(423);
    expect(await Agent.findByPk(agent.id)).toMatchObject({ lockedUntil: expect.any(Date) });
    h.d.clock.advance(16 * 60_000);
    expect((await login(h, email, password)).status).toBe(200);
    expect(await Agent.findByPk(agent.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  test('unknown email and bad input get clear errors', async () => {
    expect((await login(h, 'nobody@desk.test', 'whatever')).body.error.code).toBe('AUTH_INVALID');
    const bad = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('VALIDATION_FAILED');
  });

  test('a buyer widget token never reaches desk data, by socket or REST', async () => {
    const buyerToken = tokenFor(h.config, 'buyer-1');
    await expect(Deskside.connect(h, buyerToken)).rejects.toMatchObject({ message: 'AUTH_INVALID' });
    await expect(Deskside.connect(h, undefined)).rejects.toMatchObject({ message: 'AUTH_REQUIRED' });
    const res = await fetch(`${h.url}/api/desk/queue`, { headers: { authorization: `Bearer ${buyerToken}` } });
    expect(res.status).toBe(401);
    expect((await fetch(`${h.url}/api/desk/queue`)).status).toBe(401);
  });

  test('supervisor routes refuse agents; logout kills the token', async () => {
    const agent = await tokenOf(h, 'agent');
    const sup = await tokenOf(h, 'supervisor');
    const canned = { shortcut: 'refund', lang: 'zh', title: '退款时间', body: '订单 {orderNo} 的 {amount} 元预计 {refundDate} 前到账' };
    const post = (token: string) => fetch(`${h.url}/api/desk/canned`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(canned) });
    const refused = await post(agent.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('FORBIDDEN');
    expect((await post(sup.token)).status).toBe(201);
    expect((await fetch(`${h.url}/api/desk/agents`, { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(403);

    const out = await fetch(`${h.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` } });
    expect(out.status).toBe(204);
    expect((await fetch(`${h.url}/api/desk/queue`, { headers: { authorization: `Bearer ${agent.token}` } })).status).toBe(401);
    await expect(Deskside.connect(h, agent.token)).rejects.toMatchObject({ message: 'AUTH_INVALID' });
  });
});
