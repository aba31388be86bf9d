import { inOrderPer } from '../../bot/widget/in-order';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test("one key's tasks run one at a time in arrival order; other keys run beside them; a failure does not stop the queue", async () => {
  const inOrder = inOrderPer<number>();
  const log: string[] = [];
  let running = 0;
  let overlapped = false;
  const task = (key: number, name: string, fail = false) =>
    inOrder(key, async () => {
      running += key === 1 ? 1 : 0;
      overlapped ||= running > 1;
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running -= key === 1 ? 1 : 0;
      if (fail) throw new Error(name);
      return name;
    });
  const results = await Promise.allSettled([task(1, 'a'), task(1, 'b', true), task(2, 'x'), task(1, 'c')]);
  expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'x', 'c']);
  expect(overlapped).toBe(false);
  const one = log.filter((l) => !l.endsWith('x'));
  expect(one).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  // x (another conversation) started before a finished.
  expect(log.indexOf('start x')).toBeLessThan(log.indexOf('end a'));
});
