// Intent tuning through the API: utterance edits with their audit, the inbox of real buyer messages (classified by
// the real bot), agents' re-labels, and the loop retrain → compare → activate → the bot classifies differently →
// roll back; the threshold, persisted and applied live. A small seed set keeps training fast.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadShippedExamples } from '../../intents';
import { ConversationMessage, SupervisorSetting } from '../../models';
import { seedKeyOf } from '../../models/intent-tuning-utterances';
import { tuningServices } from '../../desk/supervisor/services';
import { IntentsRuntime } from '../../server/intents-runtime';
import { Buyerside, tokenFor } from '../bot/widget-harness';
import { tokenOf, waitFor } from './desk-harness';
import { api, startSupervisorHarness, SupervisorHarness } from './supervisor-harness';
import { SMALL_SEED } from './supervisor-seed';

const ROOT = path.resolve(__dirname, '../..');
/** No training line shares a character with it: the bot reads it as out_of_scope until it is taught. */
const STRANGER = '呜哩哇啦卡卡西';

describe('supervisor intent tuning', () => {
  let h: SupervisorHarness;
  let supervisor: string;
  let agent: string;
  let agentId: number;

  beforeAll(async () => {
    h = await startSupervisorHarness('sqlite', SMALL_SEED);
    supervisor = (await tokenOf(h, 'supervisor')).token;
    const a = await tokenOf(h, 'agent');
    agent = a.token;
    agentId = a.agent.id;
  });
  afterAll(() => h.close());

  const call = (token: string, method: string, url: string, body?: unknown) => api(h, token, method, url, body);

  /** A new buyer says `text` through the widget; the bot's recorded reading of it. */
  async function botReads(text: string): Promise<{ messageId: number; intent: string | null; confidence: number | null }> {
    const buyer = await Buyerside.connect(h, tokenFor(h.config, `sv-${randomUUID()}`));
    try {
      const { ack } = await buyer.say(text);
      if (!ack.ok) throw new Error(ack.error.message);
      const message = await ConversationMessage.findByPk(ack.message.id, { rejectOnEmpty: true });
      return { messageId: message.id, intent: message.nluIntent, confidence: message.nluConfidence };
    } finally {
      buyer.close();
    }
  }

  test('roles: the tuning routes are for supervisors; re-labelling is open to every agent', async () => {
    expect((await api(h, undefined, 'GET', '/intents')).body.error.code).toBe('AUTH_REQUIRED');
    const forbidden = await call(agent, 'GET', '/intents');
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const [method, url] of [['GET', '/inbox'], ['POST', '/models/retrain'], ['PUT', '/settings/threshold'], ['GET', '/audit']]) {
      expect((await call(agent, method!, url!, method === 'GET' ? undefined : {})).status).toBe(403);
    }
    expect((await call(agent, 'POST', '/inbox/relabel', { messageId: 999_999, intent: 'greeting' })).body.error.code).toBe('NOT_FOUND');
  });

  test('utterances: add, edit and move a seed line, delete; every change audited with before and after', async () => {
    const overview = await call(supervisor, 'GET', '/intents');
    expect(overview.body.intents.find((i: any) => i.intent === 'thanks')).toEqual({ intent: 'thanks', counts: { zh: 10, en: 4 }, edits: 0 });

    const added = await call(supervisor, 'POST', '/utterances', { intent: 'thanks', lang: 'zh', text: '  多谢老板  ' });
    expect(added.status).toBe(201);
    expect(added.body.utterance).toMatchObject({ intent: 'thanks', lang: 'zh', text: '多谢老板', source: 'supervisor' });
    const dup = await call(supervisor, 'POST', '/utterances', { intent: 'thanks', lang: 'zh', text: '多谢老板' });
    expect([dup.status, dup.body.error.code, dup.body.error.details.reason]).toEqual([400, 'VALIDATION_FAILED', 'duplicate']);
    expect((await call(supervisor, 'POST', '/utterances', { intent: 'nonsense', lang: 'zh', text: 'x' })).status).toBe(400);
    expect((await call(supervisor, 'POST', '/utterances', { intent: 'thanks', lang: 'zh', text: '' })).status).toBe(400);

    const list = (await call(supervisor, 'GET', '/intents/thanks/utterances?lang=zh')).body.utterances;
    const seedLine = list.find((u: any) => u.text === '辛苦了');
    expect(seedLine).toMatchObject({ id: `s-${seedKeyOf({ text: '辛苦了', intent: 'thanks', lang: 'zh' })}`, source: 'seed', edited: false });
    const edited = await call(supervisor, 'PATCH', `/utterances/${seedLine.id}`, { text: '辛苦了亲' });
    expect(edited.body.utterance).toMatchObject({ id: expect.stringMatching(/^u-\d+$/), text: '辛苦了亲', intent: 'thanks', edited: true });
    const moved = await call(supervisor, 'PATCH', `/utterances/${added.body.utterance.id}`, { intent: 'greeting' });
    expect(moved.body.utterance).toMatchObject({ id: added.body.utterance.id, intent: 'greeting', text: '多谢老板' });
    const gone = list.find((u: any) => u.text === '太感谢了');
    expect((await call(supervisor, 'DELETE', `/utterances/${gone.id}`)).body).toEqual({ deleted: gone.id });
    expect((await call(supervisor, 'DELETE', `/utterances/${gone.id}`)).status).toBe(404);
    expect((await call(supervisor, 'PATCH', `/utterances/${seedLine.id}`, { text: 'again' })).status).toBe(404);
    expect((await call(supervisor, 'PATCH', `/utterances/${edited.body.utterance.id}`, {})).status).toBe(400);

    const after = (await call(supervisor, 'GET', '/intents/thanks/utterances')).body.utterances.map((u: any) => u.text);
    expect(after).toEqual(expect.arrayContaining(['辛苦了亲', 'thanks']));
    expect(after).not.toEqual(expect.arrayContaining(['辛苦了']));
    expect(after).not.toContain('太感谢了');
    expect(after).not.toContain('多谢老板');
    expect((await call(supervisor, 'GET', '/intents')).body.intents.find((i: any) => i.intent === 'thanks')).toEqual({ intent: 'thanks', counts: { zh: 9, en: 4 }, edits: 1 });

    const audit = (await call(supervisor, 'GET', '/audit?area=intents&limit=4')).body.audit;
    expect(audit.map((a: any) => [a.action, a.before, a.after])).toEqual([
      ['utterance.delete', { text: '太感谢了', intent: 'thanks', lang: 'zh' }, null],
      ['utterance.move', { text: '多谢老板', intent: 'thanks', lang: 'zh' }, { text: '多谢老板', intent: 'greeting', lang: 'zh' }],
      ['utterance.edit', { text: '辛苦了', intent: 'thanks', lang: 'zh' }, { text: '辛苦了亲', intent: 'thanks', lang: 'zh' }],
      ['utterance.add', null, { intent: 'thanks', lang: 'zh', text: '多谢老板' }],
    ]);
    expect(audit[0]).toMatchObject({ actorName: expect.stringMatching(/^supervisor-/), createdAt: expect.any(String) });
  });

  test('`kadesk intents export` includes the database edits of the shipped files', async () => {
    const shipped = loadShippedExamples().find((e) => e.intent === 'thanks' && e.lang === 'zh')!;
    const actor = { id: agentId, name: 'cli-test' };
    const { utterances } = tuningServices(h.d, loadShippedExamples);
    await utterances.edit(actor, `s-${seedKeyOf(shipped)}`, { intent: 'greeting' });
    await utterances.add(actor, { intent: 'refund_status', lang: 'en', text: 'my refund has vanished into thin air' });
    const run = spawnSync(process.execPath, [path.join(ROOT, 'server/bin/kadesk.js'), 'intents', 'export'], {
      env: { ...process.env, DATABASE_URL: h.d.testDb.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toContainEqual({ text: 'my refund has vanished into thin air', intent: 'refund_status', lang: 'en' });
    expect(lines).toContainEqual({ text: shipped.text, intent: 'greeting', lang: 'zh' });
    expect(lines).not.toContainEqual({ text: shipped.text, intent: 'thanks', lang: 'zh' });
    expect(lines.length).toBe(loadShippedExamples().length + 1);
  }, 60_000);

  test('inbox: what the bot fell back on, re-labelled by an agent, added to an intent in one action', async () => {
    const read = await botReads(STRANGER);
    expect(read.intent).toBe('out_of_scope');
    const confident = await botReads('取消订单');
    expect(confident).toMatchObject({ intent: 'cancel_order' });

    const open = (await call(supervisor, 'GET', '/inbox')).body.items;
    const item = open.find((i: any) => i.messageId === read.messageId);
    expect(item).toMatchObject({ text: STRANGER, lang: 'zh', nlu: { intent: 'out_of_scope' }, reasons: expect.arrayContaining(['out_of_scope']), status: 'open', relabel: null });
    const listed = (id: number, items: any[]) => items.some((i) => i.messageId === id);
    expect(listed(confident.messageId, open)).toBe(confident.confidence! < 0.6);

    const relabel = await call(agent, 'POST', '/inbox/relabel', { messageId: read.messageId, intent: 'order_status' });
    expect(relabel.status).toBe(200);
    expect(relabel.body.item).toMatchObject({ reasons: expect.arrayContaining(['relabelled']), relabel: { intent: 'order_status', agentId } });
    expect((await call(agent, 'POST', '/inbox/relabel', { messageId: read.messageId, intent: 'made_up' })).status).toBe(400);
    const relabelled = (await call(supervisor, 'GET', '/inbox?reason=relabelled')).body.items;
    expect(relabelled.map((i: any) => i.messageId)).toEqual([read.messageId]);

    const add = await call(supervisor, 'POST', `/inbox/${read.messageId}/add`, {});
    expect(add.status).toBe(201);
    expect(add.body.utterance).toMatchObject({ intent: 'order_status', lang: 'zh', text: STRANGER, source: 'inbox' });
    expect(add.body.item).toMatchObject({ status: 'added', utteranceId: add.body.utterance.id });
    expect((await call(supervisor, 'POST', `/inbox/${read.messageId}/add`, {})).body.error.code).toBe('INVALID_TRANSITION');
    expect(listed(read.messageId, (await call(supervisor, 'GET', '/inbox')).body.items)).toBe(false);
    expect(listed(read.messageId, (await call(supervisor, 'GET', '/inbox?status=added')).body.items)).toBe(true);

    const other = await botReads('zzqqxx');
    expect((await call(supervisor, 'POST', `/inbox/${other.messageId}/add`, {})).body.error.code).toBe('VALIDATION_FAILED');
    expect((await call(supervisor, 'POST', `/inbox/${other.messageId}/dismiss`, {})).body.item.status).toBe('dismissed');
    expect(listed(other.messageId, (await call(supervisor, 'GET', '/inbox?status=dismissed')).body.items)).toBe(true);

    const audit = (await call(supervisor, 'GET', '/audit?area=intents&limit=3')).body.audit;
    expect(audit.map((a: any) => a.action)).toEqual(['inbox.dismiss', 'inbox.add', 'inbox.relabel']);
    expect(audit[2]).toMatchObject({ actorId: agentId, before: { intent: 'out_of_scope' }, after: { intent: 'order_status' } });
  });

  test('retrain in the background → compare on the same folds → activate: the bot now reads the message right; roll back', async () => {
    const before = (await call(supervisor, 'GET', '/models')).body;
    const retrain = await call(supervisor, 'POST', '/models/retrain', {});
    expect(retrain.status).toBe(202);
    expect(retrain.body.training).toMatchObject({ status: 'running', version: null, activate: false });
    const id = retrain.body.training.id;
    const training = await waitFor(async () => {
      const t = (await call(supervisor, 'GET', `/models/trainings/${id}`)).body.training;
      return t.status !== 'running' && t;
    }, 'the retrain', 60_000);
    expect(training).toMatchObject({ status: 'ready', version: expect.any(String), error: null });
    expect(training.metrics).toMatchObject({ folds: 2, accuracy: expect.any(Number), macroF1: expect.any(Number), confusions: expect.any(Array) });
    // The snapshot is the effective set: what the intents overview counts.
    const counted = (await call(supervisor, 'GET', '/intents')).body.intents.reduce((n: number, i: any) => n + i.counts.zh + i.counts.en, 0);
    expect(training.examples).toBe(counted);
    const candidate = training.version as string;

    const models = (await call(supervisor, 'GET', '/models')).body;
    expect(models.activeVersion).toBe(before.activeVersion);
    expect(models.versions).toEqual(expect.arrayContaining([before.activeVersion, candidate]));
    const baseline = models.trainings.find((t: any) => t.assumedSeed);
    expect(baseline).toMatchObject({ version: before.activeVersion, status: 'ready', examples: SMALL_SEED.length });

    const compared = (await call(supervisor, 'GET', `/models/compare?candidate=${candidate}`)).body;
    expect(compared.baseline).toMatchObject({ version: before.activeVersion, assumedSeed: true });
    expect(compared.candidate.version).toBe(candidate);
    // Every seed line still in the candidate's set is paired; the edited and deleted ones are not.
    expect(compared.paired.common).toBe(SMALL_SEED.length - 2);
    expect(compared.paired.baselineCorrect).toBeLessThanOrEqual(compared.paired.common);
    expect((await call(supervisor, 'GET', '/models/compare?candidate=nope')).status).toBe(404);

    expect((await botReads(STRANGER)).intent).toBe('out_of_scope');
    const activated = await call(supervisor, 'POST', `/models/${candidate}/activate`, {});
    expect(activated.body).toEqual({ activeVersion: candidate });
    expect((await botReads(STRANGER)).intent).toBe('order_status');

    const rolledBack = await call(supervisor, 'POST', '/models/rollback', {});
    expect(rolledBack.body).toEqual({ activeVersion: before.activeVersion });
    expect((await botReads(STRANGER)).intent).toBe('out_of_scope');
    const audit = (await call(supervisor, 'GET', '/audit?area=models')).body.audit;
    expect(audit.map((a: any) => [a.action, a.before.version, a.after.version])).toEqual([
      ['model.rollback', candidate, before.activeVersion],
      ['model.activate', before.activeVersion, candidate],
    ]);

    expect((await call(supervisor, 'POST', '/models/20990101T000000000Z-abcdef/activate', {})).body.error.code).toBe('NOT_FOUND');
    expect((await call(supervisor, 'POST', '/models/bad%24version/activate', {})).status).toBe(400);
    await call(supervisor, 'POST', `/models/${candidate}/activate`, {});
  }, 120_000);

  test('the threshold: validated, applied to the next message, persisted across a restart', async () => {
    expect((await botReads(STRANGER)).intent).toBe('order_status');
    for (const bad of [{ threshold: 1.5 }, { threshold: 'high' }, {}]) {
      expect((await call(supervisor, 'PUT', '/settings/threshold', bad)).status).toBe(400);
    }
    const set = await call(supervisor, 'PUT', '/settings/threshold', { threshold: 1 });
    expect(set.body).toEqual({ threshold: 1 });
    const read = await botReads(STRANGER);
    expect(read.intent).toBe('out_of_scope');
    expect((await call(supervisor, 'GET', '/settings/threshold')).body).toEqual({ threshold: 1 });
    expect((await SupervisorSetting.findByPk('nlu.threshold'))!.value).toBe(1);
    const restarted = await new IntentsRuntime(h.d, { modelDir: h.modelDir, seed: () => SMALL_SEED }).engine();
    expect(restarted.threshold).toBe(1);
    const audit = (await call(supervisor, 'GET', '/audit?area=intents&limit=1')).body.audit[0];
    expect(audit).toMatchObject({ action: 'threshold.set', after: { threshold: 1 } });
    await call(supervisor, 'PUT', '/settings/threshold', { threshold: 0.4 });
    expect((await botReads(STRANGER)).intent).toBe('order_status');
  });
});
