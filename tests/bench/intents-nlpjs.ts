// The nlp.js side of the intents benchmark: node-nlp's NlpManager with languages zh and en.
import type { Example } from '../../intents/examples';
import type { Intent } from '../../intents/intents';

// node-nlp ships no types; this is the part of its API the benchmark uses.
interface NlpManagerLike {
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<{ intent: string; score: number }>;
  export(minified?: boolean): string;
  import(data: string): void;
}
type NlpManagerClass = new (settings: Record<string, unknown>) => NlpManagerLike;
const { NlpManager } = require('node-nlp') as { NlpManager: NlpManagerClass };

const SETTINGS = { languages: ['zh', 'en'], forceNER: false, autoSave: false, autoLoad: false, nlu: { log: false } };

export class NlpJsClassifier {
  private constructor(private manager: NlpManagerLike) {}

  static async train(examples: readonly Example[]): Promise<NlpJsClassifier> {
    const manager = new NlpManager(SETTINGS);
    for (const e of examples) manager.addDocument(e.lang, e.text, e.intent);
    await manager.train();
    return new NlpJsClassifier(manager);
  }

  /** nlp.js answers "None" below its own threshold: that is its out_of_scope. It is given the true language. */
  async classify(example: Example): Promise<Intent> {
    const result = await this.manager.process(example.lang, example.text);
    return (result.intent === 'None' ? 'out_of_scope' : result.intent) as Intent;
  }

  save(): string {
    return this.manager.export(true);
  }

  static load(saved: string): NlpJsClassifier {
    const manager = new NlpManager(SETTINGS);
    manager.import(saved);
    return new NlpJsClassifier(manager);
  }
}
