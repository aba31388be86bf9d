import { randomUUID } from 'node:crypto';
import { ConversationMessage } from '../../models';
import { dialects } from '../helpers/databases';
import { makeBuyer } from '../helpers/domain';
import { Buyerside, Harness, startHarness, tokenFor } from './widget-harness';

// Its own file: the limiter budget is per server, and one test domain per file.
describe.each(dialects())('widget rate limit on %s', (dialect) => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness(dialect, { WIDGET_RATE_POINTS: '4', WIDGET_RATE_SECONDS: '60' });
  });
  afterAll(() => limited.close());
  const storedBuyerMessages = (conversationId: number) => ConversationMessage.count({ where: { conversationId, role: 'buyer' } });

  test('a flood is rate limited per buyer with RATE_LIMITED and nothing stored beyond the budget', async () => {
    const buyer = await makeBuyer();
    const client = await Buyerside.connect(limited, tokenFor(limited.config, buyer.externalId));
    const acks = [];
    for (let i = 0; i < 6; i++) acks.push(await client.emit('message', { clientMsgId: randomUUID(), text: `你好 ${i}` }));
    expect(acks.slice(0, 4).every((a) => a.ok)).toBe(true);
    expect(acks[4]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } } });
    expect(await storedBuyerMessages(acks[0].message.conversationId)).toBe(4);
    expect(client.socket.connected).toBe(true);
    client.close();
  });


  test('the budget is per buyer: another buyer is not limited', async () => {
    const buyer = await makeBuyer();
    const client = await Buyerside.connect(limited, tokenFor(limited.config, buyer.externalId));
    expect(await client.emit('message', { clientMsgId: randomUUID(), text: '你好' })).toMatchObject({ ok: true });
    client.close();
  });
});
