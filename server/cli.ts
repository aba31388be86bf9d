// `kadesk <command>`: the one entry point for operators (start, migrate, seed) and for the NLU tooling.
import { parseArgs } from 'node:util';

const USAGE = `usage: kadesk <command> [options]

commands:
  start                  migrate, seed demo data when empty, and serve HTTP + Socket.IO
  migrate                apply pending database migrations
  seed [--orders N]      (re)build the deterministic demo data set
  intents <sub>          NLU tooling: export | classify | eval [--folds K] | train
`;

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start')).start,
  migrate: async () => (await import('./commands/migrate')).migrate,
  seed: async () => (await import('./commands/seed')).seed,
  intents: async () => (await import('./commands/intents')).intents,
};

export async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(USAGE);
    return name ? 2 : 0;
  }
  return (await load())(argv.slice(1));
}
