// Entities named by a closed set of keywords: the mobile operator, the platform and the game/store region.
import type { Operator, Platform, Region } from './schema';

type KeywordTable<T extends string> = ReadonlyArray<readonly [RegExp, T]>;

const OPERATORS: KeywordTable<Operator> = [
  [/中国移动|移动(?!端|硬盘|电源|支付|一下)|cmcc|china mobile/, 'mobile'],
  [/中国联通|联通|unicom/, 'unicom'],
  [/中国电信|电信(?!诈骗)|telecom/, 'telecom'],
];

const PLATFORMS: KeywordTable<Platform> = [
  [/ios|iphone|ipad|苹果(?:手机|系统|区|服|版|端)/, 'ios'],
  [/安卓|android|鸿蒙/, 'android'],
  [/微信区|微信服|wx区|wechat (?:server|region)/, 'wechat'],
  [/qq区|qq服/, 'qq'],
  [/\bpc\b|电脑|端游|windows/, 'pc'],
];

const REGIONS: KeywordTable<Region> = [
  [/国服|国区|大陆|官服|cn区|\b(?:china|chinese|cn) (?:region|server|version|account|store)/, 'cn'],
  [/港服|港区|香港|\b(?:hk|hong kong) (?:region|server|version|account|store)/, 'hk'],
  [/台服|台区|台湾|\b(?:tw|taiwan) (?:region|server|version|account|store)/, 'tw'],
  [/美服|美区|美国|\b(?:us|usa|american) (?:region|server|version|account|store)/, 'us'],
  [/日服|日区|日本|\b(?:jp|japan|japanese) (?:region|server|version|account|store)/, 'jp'],
  [/韩服|韩区|韩国|\b(?:kr|korea|korean) (?:region|server|version|account|store)/, 'kr'],
  [/亚服|亚洲服|\basia(?:n)? (?:server|region)/, 'asia'],
  [/国际服|外服|\b(?:global|international) (?:server|region|version)/, 'global'],
];

/** The keyword mentioned first wins ("买成电信的了我是移动号" → telecom, the one the order has). */
function firstMention<T extends string>(text: string, table: KeywordTable<T>): T | undefined {
  let best: { at: number; value: T } | undefined;
  for (const [pattern, value] of table) {
    const m = pattern.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, value };
  }
  return best?.value;
}

export const extractOperator = (text: string): Operator | undefined => firstMention(text, OPERATORS);
export const extractPlatform = (text: string): Platform | undefined => firstMention(text, PLATFORMS);
export const extractRegion = (text: string): Region | undefined => firstMention(text, REGIONS);
