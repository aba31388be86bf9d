import { randomUUID } from 'node:crypto';
import { ConversationMessage } from '../../models';
import { TYPING_AFTER_MS } from '../../bot/widget/namespace';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { Buyerside, Harness, startHarness, tokenFor } from './widget-harness';

describe.each(dialects())('widget protocol on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(() => h.close());

  const connectNew = async () => {
    const buyer = await makeBuyer();
    return { buyer, client: await Buyerside.connect(h, tokenFor(h.config, buyer.externalId)) };
  };
  const storedBuyerMessages = (conversationId: number) => ConversationMessage.count({ where: { conversationId, role: 'buyer' } });

  test.each([
    ['missing', undefined, 'AUTH_REQUIRED'],
    ['forged', 'forged', 'AUTH_INVALID'],
    ['expired', 'expired', 'AUTH_EXPIRED'],
    ['garbage', 'not-a-jwt', 'AUTH_INVALID'],
  ])('a %s token is refused with a code', async (_name, kind, code) => {
    const token =
      kind === 'forged' ? tokenFor(h.config, 'someone', { secret: 'another-secret-of-16+chars' }) : kind === 'expired' ? tokenFor(h.config, 'someone', { expiresIn: -10 }) : kind;
    const err = await Buyerside.connect(h, token).then(
      () => null,
      (e: Error & { data?: { code: string; message: string } }) => e,
    );
    expect(err?.message).toBe(code);
    expect(err?.data).toEqual({ code, message: expect.any(String) });
  });

  test('a message is stored before the ack, answered once, and the same clientMsgId is idempotent', async () => {
    const { client } = await connectNew();
    const clientMsgId = randomUUID();
    const { ack, replies } = await client.turn({ clientMsgId, text: '你好' });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(ack.message).toMatchObject({ role: 'buyer', type: 'text', payload: { text: '你好' }, replyTo: null });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.role === 'bot' && r.conversationId === ack.message.conversationId)).toBe(true);

    const again = await client.turn({ clientMsgId, text: '你好' });
    expect(again.ack).toMatchObject({ ok: true, duplicate: true, message: { id: ack.message.id } });
    expect(await storedBuyerMessages(ack.message.conversationId)).toBe(1);
    expect(await ConversationMessage.count({ where: { replyTo: ack.message.id } })).toBe(replies.length);
    client.close();
  });

  test('concurrent resends of one clientMsgId store one message and one answer', async () => {
    const { client } = await connectNew();
    const clientMsgId = randomUUID();
    const acks = await Promise.all([1, 2, 3].map(() => client.emit('message', { clientMsgId, text: '谢谢' })));
    expect(new Set(acks.map((a) => a.message.id)).size).toBe(1);
    const id = acks[0].message.id;
    await client.until(() => client.messages.some((m) => m.replyTo === id), 'a reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(await ConversationMessage.count({ where: { replyTo: id } })).toBe(1);
    client.close();
  });

  test('a quick turn sends no typing indicator, only its replies', async () => {
    const { client } = await connectNew();
    const ack = await client.emit('message', { clientMsgId: randomUUID(), text: '你好' });
    const acked = Date.now();
    await client.until(() => client.messages.some((m) => m.replyTo === ack.message.id), 'a reply');
    const answeredInMs = Date.now() - acked;
    expect((await client.emit('sync', { afterId: ack.message.id })).ok).toBe(true);
    // On a loaded test machine the turn may outlast the delay (the margin covers the trip): then it shows and clears it.
    if (answeredInMs < TYPING_AFTER_MS - 50) expect(client.typing).toEqual([]);
    else expect([[], [true, false]]).toContainEqual(client.typing);
    client.close();
  });

  (dialect === 'postgres' ? test : test.skip)('a turn held up for longer than the delay shows the bot typing, then clears it', async () => {
    const { client } = await connectNew();
    const conversationId = (await client.emit('sync', { afterId: null })).conversation.conversationId;
    const { sequelize } = h.d.db;
    let turn: ReturnType<Buyerside['say']> | undefined;
    await sequelize.transaction(async (transaction) => {
      // The turn's commit updates this row and waits for the lock; storing the buyer message (a key share) does not.
      await sequelize.query('SELECT 1 FROM conversations WHERE id = :id FOR NO KEY UPDATE', { replacements: { id: conversationId }, transaction });
      turn = client.say('你好');
      await client.until(() => client.typing.length > 0, 'the typing indicator', 5_000);
      expect(client.typing).toEqual([true]);
      expect(client.messages.filter((m) => m.role === 'bot')).toEqual([]);
    });
    const { replies } = await turn!;
    expect(replies.length).toBeGreaterThan(0);
    expect(client.typing).toEqual([true, false]);
    client.close();
  });

  test('a button press is stored with its label (ours when the widget sends none) and the decoded postback', async () => {
    const { client } = await connectNew();
    const { ack, replies } = await client.turn({ postback: { value: '{"action":"human"}' } });
    expect(ack).toMatchObject({ ok: true, message: { role: 'buyer', payload: { text: '转人工客服', postback: { action: 'human' } } } });
    expect(replies.map((r) => r.payload.text).join()).toContain('人工客服');
    client.close();
  });

  test('bad input gets a typed error ack, stores nothing, and the connection stays usable', async () => {
    const { client } = await connectNew();
    const cases: Array<[unknown, string]> = [
      [{ clientMsgId: randomUUID(), text: 'x'.repeat(2001) }, 'TEXT_TOO_LONG'],
      [{ text: 'no id' }, 'VALIDATION_FAILED'],
      [{ clientMsgId: randomUUID(), text: '   ' }, 'VALIDATION_FAILED'],
      [{ clientMsgId: randomUUID(), text: 'hi', extra: 1 }, 'VALIDATION_FAILED'],
      ['just a string', 'VALIDATION_FAILED'],
      [{ clientMsgId: randomUUID(), postback: { value: '{"action":"explode"}' } }, 'UNKNOWN_POSTBACK'],
      [{ clientMsgId: randomUUID(), postback: { value: 'not json' } }, 'UNKNOWN_POSTBACK'],
    ];
    for (const [payload, code] of cases) {
      expect(await client.emit('message', payload)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    }
    const conversationId = (await client.emit('sync', { afterId: null })).conversation.conversationId;
    expect(await storedBuyerMessages(conversationId)).toBe(0);
    expect(await client.emit('sync', { afterId: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    client.close();
  });

  test('after a reconnect, sync returns what was missed, from the database', async () => {
    const { buyer, client } = await connectNew();
    const first = await client.say('你好');
    if (!first.ack.ok) throw new Error('ack');
    const lastSeen = first.replies.at(-1)!.id;
    client.close();

    // Meanwhile another tab of the same buyer talks to the bot.
    const other = await Buyerside.connect(h, tokenFor(h.config, buyer.externalId));
    const missed = await other.say('谢谢');
    other.close();

    const back = await Buyerside.connect(h, tokenFor(h.config, buyer.externalId));
    const sync = await back.emit('sync', { afterId: lastSeen });
    expect(sync.ok).toBe(true);
    if (!missed.ack.ok) throw new Error('ack');
    expect(sync.messages.map((m: { id: number }) => m.id)).toEqual([missed.ack.message.id, ...missed.replies.map((r) => r.id)]);
    expect(sync.conversation).toMatchObject({ conversationId: first.ack.message.conversationId, status: 'bot' });
    const all = await back.emit('sync', { afterId: null });
    expect(all.messages[0].id).toBe(first.ack.message.id);
    back.close();
  });
});
