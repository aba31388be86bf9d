// Public API of the NLU package.
export { INTENTS, HUMAN_INTENTS, IntentSchema, isHumanIntent, LANGS, LangSchema } from './intents';
export type { Intent, HumanIntent, Lang } from './intents';
export { ClassifyResultSchema, ThresholdSchema } from './classify';
export type { ClassifyResult, Alternative } from './classify';
export { EntitiesSchema, OperatorSchema, PlatformSchema, ProductMatchSchema, RegionSchema } from './entities/schema';
export type { Entities, Operator, Platform, ProductMatch, Region } from './entities/schema';
export { CatalogEntrySchema, CatalogSchema, loadDefaultCatalog, parseCatalog } from './entities/catalog';
export type { CatalogEntry } from './entities/catalog';
export { ExampleSchema, loadShippedExamples, mergeExamples } from './examples';
export type { Example } from './examples';
export { IntentEngine } from './engine';
export type { EngineOptions, RetrainOptions } from './engine';
export { IntentsError } from './errors';
export type { IntentsErrorCode } from './errors';
export { DEFAULT_THRESHOLD } from './config';
export { intentsCommand } from './cli';
export type { IntentsIo } from './cli';
