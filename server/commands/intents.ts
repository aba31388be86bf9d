// Wires `kadesk intents …` to the NLU package with this installation's paths.
import { intentsCommand } from '../../intents/cli';

export async function intents(args: string[]): Promise<number> {
  return intentsCommand(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    modelDir: process.env.KADESK_MODEL_DIR ?? 'data/models',
  });
}
