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

// Loaded on demand so `kadesk intents classify` does not pay for the server's modules. `require`, not `import()`:
// tsx runs this file as CommonJS, and a native dynamic import would bypass its TypeScript loader.
const commands: Record<string, () => Command> = {
  start: () => (require('./commands/start') as typeof import('./commands/start')).start,
  migrate: () => (require('./commands/migrate') as typeof import('./commands/migrate')).migrate,
  seed: () => (require('./commands/seed') as typeof import('./commands/seed')).seed,
  intents: () => (require('./commands/intents') as typeof import('./commands/intents')).intents,
};

export async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv.slice(0, 1), allowPositionals: true, strict: false });
  const name = positionals[0];
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(USAGE);
    return name ? 2 : 0;
  }
  return load()(argv.slice(1));
}
