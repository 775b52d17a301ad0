import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** Entity classes the caller uses; migrations own the schema either way. */
  entities?: MixedList<string | (new () => unknown) | EntitySchema>;
  applicationName?: string;
}

/** The one way to describe the platform's Postgres connection. Never `synchronize`: the schema
 * changes only through the migrations in ./migrations, applied by `npm run migrate`. */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: settings.applicationName,
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      // A statement stuck on a dead connection must not hang a consumer forever.
      statement_timeout: 30_000,
    },
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ url, applicationName: 'leadx-migrate' }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
