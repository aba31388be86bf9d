// The bot's view of the NLU: one synchronous classify() per buyer text, with the store's product catalog set
// by bot/store-catalog.ts. The model is trained from the shipped examples (about a second) once per model
// directory if none is saved; each caller (one per server) gets an engine of its own over it, so two servers in
// one process (tests, several stores) never see each other's catalog.
import { IntentEngine, loadShippedExamples, type ClassifyResult } from '../intents';
import type { CatalogTarget } from './store-catalog';

export type Classification = ClassifyResult;

export interface Nlu extends CatalogTarget {
  classify(text: string): Classification;
}

const trained = new Map<string, Promise<unknown>>();

export async function loadNlu(modelDir: string = process.env.KADESK_MODEL_DIR ?? 'data/models'): Promise<Nlu> {
  let model = trained.get(modelDir);
  if (!model) {
    model = IntentEngine.loadOrTrain(modelDir, async () => loadShippedExamples());
    // A failed load is not cached: the next message tries again.
    model.catch(() => trained.delete(modelDir));
    trained.set(modelDir, model);
  }
  await model;
  return IntentEngine.load(modelDir);
}
