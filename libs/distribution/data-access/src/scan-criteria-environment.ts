import { DataSource } from 'typeorm';
import { CriteriaEnvironment } from '@leadx/catalog-criteria';
import { UsZipDirectory, UsZipMemoryIndex } from '@leadx/catalog-data-access';
import { safeExpressionEvaluator } from '@leadx/distribution-domain';

/**
 * What delivery-account criteria can use while scanning: the clock and zip distances
 * (Distance_Compare) from the in-memory zip index, loaded once on first use. Without zip data
 * (`npm run data:zips` not run) Distance_Compare fails closed and everything else works.
 * Expression and Function criteria run on the safe expression engine (never eval).
 */
export class ScanCriteriaEnvironment {
  private index?: Promise<UsZipMemoryIndex | undefined>;
  private readonly evaluateExpression = safeExpressionEvaluator();

  constructor(private readonly dataSource: DataSource) {}

  async get(): Promise<CriteriaEnvironment> {
    this.index ??= new UsZipDirectory(this.dataSource).inMemory().catch(() => {
      this.index = undefined; // retry on a later scan (the table may be loaded meanwhile)
      return undefined;
    });
    const zips = await this.index;
    return { now: () => new Date(), distanceMiles: zips ? (a, b) => zips.distanceMiles(a, b) : undefined, evaluateExpression: this.evaluateExpression };
  }
}
