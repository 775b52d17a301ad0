import { RunningService, runService } from '@leadx/platform-runtime';
import { OfferConfig } from './config/offer.config';
import { OfferModule } from './offer.module';

export function startOffer(config: OfferConfig): Promise<RunningService> {
  return runService({
    service: 'offer',
    config,
    entities: [],
    appModule: (infrastructure) => OfferModule.with(infrastructure),
  });
}
