// The bot's view of the NLU: one synchronous classify() per buyer text. The engine is loaded (or trained from
// the shipped examples, about a second) once per model directory and shared by every connection.
import { IntentEngine, loadShippedExamples, type ClassifyResult } from '../intents';

export type Classification = ClassifyResult;

export interface Nlu {
  classify(text: string): Classification;
}

const engines = new Map<string, Promise<Nlu>>();

export function loadNlu(modelDir: string = process.env.KADESK_MODEL_DIR ?? 'data/models'): Promise<Nlu> {
  let engine = engines.get(modelDir);
  if (!engine) {
    engine = IntentEngine.loadOrTrain(modelDir, async () => loadShippedExamples());
    // A failed load is not cached: the next message tries again.
    engine.catch(() => engines.delete(modelDir));
    engines.set(modelDir, engine);
  }
  return engine;
}
