// Entity shapes: what the bot reads off a message besides the intent.
import { z } from 'zod';

export const OperatorSchema = z.enum(['mobile', 'unicom', 'telecom']);
export type Operator = z.infer<typeof OperatorSchema>;

export const PlatformSchema = z.enum(['ios', 'android', 'pc', 'wechat', 'qq']);
export type Platform = z.infer<typeof PlatformSchema>;

export const RegionSchema = z.enum(['cn', 'hk', 'tw', 'us', 'jp', 'kr', 'asia', 'global']);
export type Region = z.infer<typeof RegionSchema>;

export const ProductMatchSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** 1 for an exact name/alias mention, lower for a brand-only or misspelt mention. */
  score: z.number().min(0).max(1),
});
export type ProductMatch = z.infer<typeof ProductMatchSchema>;

export const EntitiesSchema = z.object({
  /** `KM…` ids upper-cased, bare digit ids as written; in message order, without repeats. */
  orderNumbers: z.array(z.string()),
  product: ProductMatchSchema.optional(),
  /** Face value in yuan (100元 / 50块 / ¥30 / 五十块). */
  faceValue: z.number().positive().optional(),
  quantity: z.number().int().positive().optional(),
  operator: OperatorSchema.optional(),
  platform: PlatformSchema.optional(),
  region: RegionSchema.optional(),
});
export type Entities = z.infer<typeof EntitiesSchema>;
