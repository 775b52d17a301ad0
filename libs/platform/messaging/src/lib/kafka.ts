import { Kafka, logCreator, logLevel, LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { defaultLogger } from './logger';

export interface MessagingSettings {
  brokers: string[];
  clientId: string;
  /** Prepended to every logical topic name (per-environment or per-test isolation). */
  topicPrefix?: string;
  /** Where kafkajs' own log lines go; defaults to a pino logger on stdout. */
  logger?: Logger;
}

/** kafkajs log entries → pino, keeping kafkajs' structured fields. */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      // timestamp and logger duplicate what pino adds itself.
      const { message, timestamp: _timestamp, logger: _name, ...extra } = log as { message: string; [k: string]: unknown };
      const fields = { kafka: namespace, ...extra };
      switch (level) {
        case logLevel.ERROR:
          logger.error(fields, message);
          break;
        case logLevel.WARN:
          logger.warn(fields, message);
          break;
        case logLevel.INFO:
          logger.info(fields, message);
          break;
        default:
          logger.debug(fields, message);
      }
    };
}

/** The platform's kafkajs client: WARN and above, routed to pino. */
export function createKafka(settings: MessagingSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(settings.logger ?? defaultLogger()),
  });
}

/** The topic name on the broker: the optional environment prefix plus the logical name. */
export function physicalTopic(topic: string, prefix?: string): string {
  return `${prefix ?? ''}${topic}`;
}
