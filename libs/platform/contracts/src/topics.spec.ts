import { LeadAcceptedV1 } from './events/lead-accepted.v1';
import { LeadScreenedV1 } from './events/lead-screened.v1';
import { deadLetterTopicOf, schemaVersionOf, TOPIC_NAMES, TopicName, TopicPayload } from './topics';
import { PayloadValidationError, validatePayload } from './validate-payload';

/** The shape every publisher uses (the outbox's `add` has this signature). */
function publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): [T, TopicPayload<T>] {
  return [topic, payload];
}

const accepted = LeadAcceptedV1.of({
  leadId: 1, leadUid: '8d4e2a56-6a0e-4a41-9d7e-3f0c4f1d2b7a', leadSourceId: 1, campaignId: 1, leadTypeId: 1, fields: { Email: 'a@b.co' },
  sendDelayHours: 0, noSell: false, pendingReview: false, price: 1, receivedAt: new Date(0).toISOString(),
});

describe('topic registry', () => {
  it('binds each topic to its payload class at compile time', () => {
    expect(publish('intake.lead.accepted.v1', accepted)[0]).toBe('intake.lead.accepted.v1');
    // The type check of `npm test` (tsc over spec files) fails if any of these start to compile.
    // @ts-expect-error a lead-accepted payload on the screened topic
    publish('compliance.lead.screened.v1', accepted);
    // @ts-expect-error a hand-built object lacks the payload class brand, even with the right shape
    publish('compliance.lead.screened.v1', { leadId: 1, leadUid: 'u', campaignId: 1, leadTypeId: 1, verdict: 'passed', reasons: [], fields: {} });
    // @ts-expect-error an unknown topic
    publish('intake.lead.acepted.v1', accepted);
    expect(LeadScreenedV1.name).toBe('LeadScreenedV1');
  });

  it('names every topic <context>.<entity>.<verb>.v<N> and derives its version and dead-letter topic', () => {
    for (const topic of TOPIC_NAMES) expect(topic).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+\.v\d+$/);
    expect(schemaVersionOf('intake.lead.accepted.v1')).toBe(1);
    expect(deadLetterTopicOf('x.y.z.v2')).toBe('x.y.z.v2.dlt');
    expect(() => schemaVersionOf('no-version')).toThrow();
  });

  it('validates payloads at the boundary, naming each bad property', () => {
    expect(validatePayload('intake.lead.accepted.v1', JSON.parse(JSON.stringify(accepted)))).toBeInstanceOf(LeadAcceptedV1);
    try {
      validatePayload('intake.lead.accepted.v1', { ...JSON.parse(JSON.stringify(accepted)), leadId: 'x', leadUid: 'nope' });
      throw new Error('expected a PayloadValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(PayloadValidationError);
      expect((err as PayloadValidationError).problems.join(' ')).toMatch(/leadId.*leadUid|leadUid.*leadId/);
    }
    expect(() => validatePayload('intake.lead.accepted.v1', null)).toThrow(PayloadValidationError);
    expect(() => validatePayload('intake.lead.accepted.v1', [accepted])).toThrow(PayloadValidationError);
  });
});
