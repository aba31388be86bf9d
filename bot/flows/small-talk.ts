// Greeting, thanks, goodbye, and not understanding: short replies; the second miss in a row offers a person,
// the third hands over.
import { handOff } from '../handoff';
import * as m from '../messages';
import type { TurnContext } from '../turn';

export const OFFER_HUMAN_AFTER = 2;
export const HAND_OFF_AFTER = 3;

/** greeting, thanks and goodbye get their answer; a lone yes or no just gets "okay, what else?". */
export function smallTalk(turn: TurnContext, intent: string): void {
  const t = turn.t;
  turn.say(m.text(intent === 'greeting' ? t.greeting : intent === 'thanks' ? t.thanks : intent === 'goodbye' ? t.goodbye : t.okay));
}

export async function notUnderstood(turn: TurnContext, detail: string): Promise<void> {
  const misses = turn.failedCount + 1;
  turn.state.failedCount = misses;
  if (misses >= HAND_OFF_AFTER) {
    await handOff(turn, 'misunderstanding', { detail: `${misses} messages in a row not understood (${detail})` });
    return;
  }
  if (misses >= OFFER_HUMAN_AFTER) {
    turn.say(m.choice(turn.t.offerHuman, [{ label: turn.t.humanButton, postback: { action: 'human' } }]));
    turn.pending = { kind: 'human_offer' };
    return;
  }
  turn.say(m.text(turn.t.notUnderstood));
}
