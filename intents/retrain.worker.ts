// Worker thread entry: trains a model off the main thread, saves it, and posts the compiled model back so the
// engine can swap it in without parsing, validating and compiling the file again on the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { toIntentsError } from './errors';
import { ExampleSchema } from './examples';
import { IntentModel, ModelOptionsSchema, type CompiledModel } from './model';
import { ModelStore } from './model-store';

export const RetrainRequestSchema = z.object({
  dir: z.string(),
  version: z.string(),
  examples: z.array(ExampleSchema),
  options: ModelOptionsSchema,
});
export type RetrainRequest = z.infer<typeof RetrainRequestSchema>;

export type RetrainReply = { ok: true; model: CompiledModel } | { ok: false; error: { code: string; message: string } };

async function run(): Promise<void> {
  try {
    const request = RetrainRequestSchema.parse(workerData);
    const file = IntentModel.trainFile(request.examples, request.options, request.version);
    await new ModelStore(request.dir).save(file);
    const { compiled, transferList } = IntentModel.compile(file).toCompiled();
    parentPort?.postMessage({ ok: true, model: compiled } satisfies RetrainReply, transferList);
  } catch (err) {
    parentPort?.postMessage({ ok: false, error: toIntentsError(err, 'training_failed').toJSON() } satisfies RetrainReply);
  }
}

void run();
