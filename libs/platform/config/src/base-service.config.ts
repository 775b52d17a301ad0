import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * Settings every service shares. Defaults work against the local infrastructure that
 * `npm run infra:up` starts (Postgres 5432, Redis 6379, Kafka 9092 on 127.0.0.1).
 * A service's own config class extends this one.
 */
export class BaseServiceConfig {
  @IsString() SERVICE_NAME = 'leadx';
  @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/leadx';
  @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  @IsString() REDIS_URL = 'redis://127.0.0.1:6379/0';
  /** Comma-separated bootstrap brokers. */
  @IsString() KAFKA_BROKERS = '127.0.0.1:9092';
  /** Prepended to every topic name: lets several environments (or test runs) share a broker. */
  @IsString() KAFKA_TOPIC_PREFIX = '';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** OTLP/HTTP traces endpoint, e.g. http://otel-collector:4318/v1/traces. Empty: no export. */
  @IsOptional() @IsString() OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = '';
  @IsInt() @Min(1000) SHUTDOWN_TIMEOUT_MS = 25_000;
}
