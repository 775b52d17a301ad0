import { ConfigChangedV1 } from './events/config-changed.v1';
import { DeliveryCompletedV1 } from './events/delivery-completed.v1';
import { DeliveryRequestedV1 } from './events/delivery-requested.v1';
import { LeadAcceptedV1 } from './events/lead-accepted.v1';
import { LeadDistributedV1 } from './events/lead-distributed.v1';
import { LeadScreenedV1 } from './events/lead-screened.v1';

/**
 * The one registry of Kafka topics. NEVER rename a topic: consumers in production read it by
 * name. A breaking payload change gets a new topic with the next `.vN` and a new payload class.
 * Names follow `<context>.<entity>.<past-tense-verb>.v<N>`.
 */
export const TOPICS = {
  'intake.lead.accepted.v1': LeadAcceptedV1,
  'compliance.lead.screened.v1': LeadScreenedV1,
  'distribution.delivery.requested.v1': DeliveryRequestedV1,
  'delivery.attempt.completed.v1': DeliveryCompletedV1,
  'distribution.lead.completed.v1': LeadDistributedV1,
  'accounts.config.changed.v1': ConfigChangedV1,
} as const;

export type TopicName = keyof typeof TOPICS;
/** The payload type bound to a topic. Each class carries a `__topic` brand, so passing one
 * topic's payload to another topic does not compile even when the shapes happen to match. */
export type TopicPayload<T extends TopicName> = InstanceType<(typeof TOPICS)[T]>;

export const TOPIC_NAMES = Object.keys(TOPICS) as TopicName[];

/** Poison messages of `topic` are parked here, with the failure in the headers. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}

export function schemaVersionOf(topic: string): number {
  const match = /\.v(\d+)$/.exec(topic);
  if (!match) throw new Error(`topic ${topic} has no .vN suffix`);
  return Number(match[1]);
}
