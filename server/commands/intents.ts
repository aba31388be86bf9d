// Wires `kadesk intents …` to the NLU package with this installation's paths and the supervisors' edits from the
// database (added utterances, and the shipped ones they edited, moved or deleted).
import { z } from 'zod';
import { ExampleSchema, loadShippedExamples } from '../../intents';
import { intentsCommand } from '../../intents/cli';
import { openDomain } from '../../models';
import { tuningServices } from '../../desk/supervisor/services';
import { loadConfig } from '../config';

/** Both lists in one database visit, made only when a subcommand asks for the training set. */
async function databaseEdits() {
  const domain = await openDomain({ databaseUrl: loadConfig().databaseUrl });
  try {
    const { utterances } = tuningServices(domain, loadShippedExamples);
    return { extra: z.array(ExampleSchema).parse(await utterances.extras()), replaced: await utterances.replacedSeed() };
  } finally {
    await domain.close();
  }
}

export async function intents(args: string[]): Promise<number> {
  let edits: ReturnType<typeof databaseEdits> | null = null;
  const once = () => (edits ??= databaseEdits());
  return intentsCommand(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    modelDir: process.env.KADESK_MODEL_DIR ?? 'data/models',
    extraExamples: async () => (await once()).extra,
    replacedExamples: async () => (await once()).replaced,
  });
}
