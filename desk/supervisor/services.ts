// The supervisor services over one Domain and the shipped training set; the router, the intents runtime (for the
// saved threshold) and `kadesk intents` (for the database edits) each build them.
import { INTENTS, LANGS, type Example } from '../../intents';
import type { Domain } from '../../models';
import { CancellationAnalytics } from '../../models/analytics-cancellations';
import { CancellationRollup } from '../../models/analytics-rollup';
import { ServiceAnalytics } from '../../models/analytics-service';
import { CreditOverrideService } from '../../models/credit-override-service';
import { InboxService } from '../../models/intent-tuning-inbox';
import { IntentSettings } from '../../models/intent-tuning-settings';
import { TrainingLog } from '../../models/intent-tuning-trainings';
import { UtteranceService } from '../../models/intent-tuning-utterances';

export function tuningServices(domain: Domain, seed: () => readonly Example[]) {
  const base = { db: domain.db, clock: domain.clock };
  const utterances = new UtteranceService({ ...base, seed, intents: INTENTS, langs: LANGS });
  return {
    utterances,
    inbox: new InboxService({ ...base, utterances, intents: INTENTS, langs: LANGS }),
    settings: new IntentSettings(base),
    trainings: new TrainingLog(base),
  };
}

export function analyticsServices(domain: Domain) {
  const base = { db: domain.db, clock: domain.clock };
  const rollup = new CancellationRollup(base);
  return {
    rollup,
    cancellations: new CancellationAnalytics({ ...base, rollup }),
    service: new ServiceAnalytics(base),
    credit: new CreditOverrideService({ ...base, credit: domain.credit }),
  };
}
