import { ConversationMessage } from '../../models';
import { ConversationService, StaleConversationError } from '../../models/conversation-service';
import { dialects } from '../helpers/databases';
import { makeBuyer, openTestDomain, TestDomain } from '../helpers/domain';

describe.each(dialects())('conversation service on %s', (dialect) => {
  let d: TestDomain;
  let conversations: ConversationService;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
    conversations = new ConversationService({ db: d.db, clock: d.clock });
  });
  afterAll(() => d.teardown());

  const fresh = async () => conversations.current((await makeBuyer()).id);
  const store = (conversationId: number, clientMsgId: string, nlu?: { intent: string; confidence: number }) =>
    conversations.storeBuyerMessage(conversationId, { clientMsgId, type: 'text', payload: { text: '退款到哪了' }, ...(nlu ? { nlu } : {}) });
  const reply = (replyTo: number, text: string) => ({ role: 'bot' as const, type: 'text', payload: { text }, replyTo });
  const replies = (to: number) => ConversationMessage.count({ where: { replyTo: to } });

  test('a buyer message is stored once with what the NLU read; a repeat returns it', async () => {
    const c = await fresh();
    const first = await store(c.id, 'm-1', { intent: 'refund_status', confidence: 0.91 });
    expect(first.duplicate).toBe(false);
    const stored = await ConversationMessage.findByPk(first.message.id, { rejectOnEmpty: true });
    expect({ intent: stored.nluIntent, confidence: stored.nluConfidence }).toEqual({ intent: 'refund_status', confidence: 0.91 });
    const again = await store(c.id, 'm-1', { intent: 'greeting', confidence: 0.5 });
    expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id, nluIntent: 'refund_status' } });
    expect(await ConversationMessage.count({ where: { conversationId: c.id } })).toBe(1);
  });

  test('a bad NLU result or a missing conversation is a typed error and stores nothing', async () => {
    const c = await fresh();
    await expect(store(c.id, 'm-2', { intent: 'refund_status', confidence: 2 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(store(c.id + 10_000, 'm-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await ConversationMessage.count({ where: { clientMsgId: 'm-2' } })).toBe(0);
  });

  test('a turn computed from an old version is refused and writes nothing', async () => {
    const c = await fresh();
    const { message } = await store(c.id, 'm-3');
    await conversations.commitTurn(c.id, { version: c.version, state: { intent: 'refund_status' }, messages: [] });
    await expect(conversations.commitTurn(c.id, { version: c.version, state: { intent: 'greeting' }, messages: [reply(message.id, 'late')] })).rejects.toBeInstanceOf(
      StaleConversationError,
    );
    expect(await replies(message.id)).toBe(0);
    expect((await conversations.get(c.id)).intent).toBe('refund_status');
  });

  test('a message already answered is not answered again, even by a turn at the current version', async () => {
    const c = await fresh();
    const { message } = await store(c.id, 'm-4');
    const first = await conversations.commitTurn(c.id, { version: c.version, state: {}, messages: [reply(message.id, 'first')] });
    const current = first.conversation.version;
    await expect(conversations.commitTurn(c.id, { version: current, state: { intent: 'x' }, messages: [reply(message.id, 'second')] })).rejects.toBeInstanceOf(
      StaleConversationError,
    );
    expect(await replies(message.id)).toBe(1);
    expect((await conversations.get(c.id)).version).toBe(current);
  });

  test('turns racing from the same version: exactly one commits its replies', async () => {
    const c = await fresh();
    const { message } = await store(c.id, 'm-5');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => conversations.commitTurn(c.id, { version: c.version, state: {}, messages: [reply(message.id, `r${i}`), reply(message.id, `s${i}`)] })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof StaleConversationError)).toBe(true);
    expect(await replies(message.id)).toBe(2);
  });

  test('a committed turn returns its replies and state exactly as stored, whatever characters they hold', async () => {
    const c = await fresh();
    const { message } = await store(c.id, 'm-6');
    const tricky = ["it's 'quoted' \"twice\"", "'); DROP TABLE conversations; --", '卡密 ✅😀\n第二行\t:name :s0 $1 ?', '\\u0000 as text'];
    const pending = { kind: 'confirm', orderNo: "KM'1", note: '取消?' };
    const commit = await conversations.commitTurn(c.id, { version: c.version, state: { intent: 'cancel_order', pending }, messages: tricky.map((t) => reply(message.id, t)) });
    const stored = await ConversationMessage.findAll({ where: { replyTo: message.id }, order: [['id', 'ASC']] });
    expect(stored.map((m) => m.payload.text)).toEqual(tricky);
    expect(commit.messages.map((m) => [m.id, m.payload.text, m.replyTo])).toEqual(stored.map((m) => [m.id, m.payload.text, message.id]));
    expect(commit.conversation.version).toBe(c.version + 1);
    const now = await conversations.get(c.id);
    expect([now.intent, now.pending, now.version]).toEqual(['cancel_order', pending, c.version + 1]);
  });
});
