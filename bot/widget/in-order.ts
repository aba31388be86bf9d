// Runs a conversation's buyer messages one after another on this node, in the order they arrived. Correctness does
// not depend on it (the database's versioned commit decides between racing turns, on any node); it keeps a buyer's
// quick second message from racing the first one's turn, which under load made turns retry, and retries add load.
// Only what is in flight is kept: a conversation's entry goes when its last message is done.
export function inOrderPer<K>(): <T>(key: K, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<K, Promise<unknown>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}
