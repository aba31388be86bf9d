// Worker thread entry: trains a model off the main thread and saves it; the engine activates it.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { toIntentsError } from './errors';
import { ExampleSchema } from './examples';
import { IntentModel, ModelOptionsSchema } from './model';
import { ModelStore } from './model-store';

export const RetrainRequestSchema = z.object({
  dir: z.string(),
  version: z.string(),
  examples: z.array(ExampleSchema),
  options: ModelOptionsSchema,
});
export type RetrainRequest = z.infer<typeof RetrainRequestSchema>;

export type RetrainReply = { ok: true; version: string } | { ok: false; error: { code: string; message: string } };

async function run(): Promise<RetrainReply> {
  try {
    const request = RetrainRequestSchema.parse(workerData);
    const model = IntentModel.train(request.examples, request.options, request.version);
    await new ModelStore(request.dir).save(model);
    return { ok: true, version: model.version };
  } catch (err) {
    return { ok: false, error: toIntentsError(err, 'training_failed').toJSON() };
  }
}

void run().then((reply) => parentPort?.postMessage(reply));
