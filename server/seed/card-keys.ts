// Card keys (卡号/卡密) in each brand's own shape. The serial is derived from the key's id, so serials never
// repeat; the secret comes from the seeded random source.
import type { KeyFormat } from './catalog';
import type { Random } from './random';

/** Spreads consecutive ids over the serial space; the multiplier is coprime to 10, so distinct ids below 10^digits stay distinct. */
const scatter = (id: number, digits: number): string => {
  const modulo = 10 ** digits;
  return String((id * 7_654_321) % modulo).padStart(digits, '0');
};

const groups = (s: string, size: number): string => s.match(new RegExp(`.{1,${size}}`, 'g'))!.join('-');

export interface KeyText {
  serial: string;
  secret: string;
}

export function makeKey(format: KeyFormat, id: number, random: Random): KeyText {
  switch (format) {
    case 'qq':
      return { serial: `QB${scatter(id, 10)}`, secret: random.digits(16) };
    case 'netease':
      return { serial: `1630${scatter(id, 9)}`, secret: random.digits(12) };
    case 'steam':
      return { serial: `STM${scatter(id, 9)}`, secret: groups(random.code(15), 5) };
    case 'honor':
      return { serial: `WZ${scatter(id, 10)}`, secret: random.digits(18) };
    case 'genshin':
      return { serial: `GS${scatter(id, 10)}`, secret: random.code(12) };
    case 'topup':
      return { serial: `CZ${scatter(id, 12)}`, secret: random.digits(19) };
    case 'membership':
      return { serial: `VIP${scatter(id, 9)}`, secret: random.code(16) };
    case 'jd':
      return { serial: `JDE${scatter(id, 13)}`, secret: groups(random.code(16), 4) };
    case 'appstore':
      return { serial: `AS${scatter(id, 10)}`, secret: `X${random.code(15)}` };
  }
}
