import { criterionToSeed, deliveryAccountToSeed, deliveryMethodToSeed, SeedDeliveryAccount, SeedDeliveryMethod } from '@leadx/accounts-domain';
import { legacyDeliveryDetails } from './delivery-projection';
import { AccountRecord, loadDeliveryDays, loadFieldSettings, loadLeadFields, METHOD_COLUMNS, methodRowOf, Queryable } from './delivery-rows';

/** Seed-shaped delivery methods by id (field settings, mappings and days included). */
export async function loadSeedMethods(q: Queryable, ids: number[]): Promise<Map<number, SeedDeliveryMethod>> {
  const unique = [...new Set(ids)];
  const result = new Map<number, SeedDeliveryMethod>();
  if (!unique.length) return result;
  const rows = (await q.query(`SELECT ${METHOD_COLUMNS} FROM delivery_methods m WHERE m.id = ANY($1::int[])`, [unique])) as Array<Record<string, unknown>>;
  const [settings, days] = [await loadFieldSettings(q, unique), await loadDeliveryDays(q, unique)];
  for (const r of rows) {
    const m = methodRowOf(r);
    result.set(m.id, deliveryMethodToSeed(m, settings.get(m.id) ?? [], days.get(m.id) ?? []));
  }
  return result;
}

/** Accounts in the seed's shape, each with its criteria and DeliveryDetails, in the order given. */
export async function toSeedAccounts(q: Queryable, records: AccountRecord[]): Promise<SeedDeliveryAccount[]> {
  const methods = await loadSeedMethods(
    q,
    records.flatMap((r) => (r.row.deliveryMethodId === null ? [] : [r.row.deliveryMethodId])),
  );
  const fields = await loadLeadFields(q, [...new Set(records.map((r) => r.row.leadTypeId))]);
  return records.map(({ row, criteria, projection }) => {
    const byLowerName = fields.get(row.leadTypeId)?.byLowerName ?? new Map<string, number>();
    const details =
      row.deliveryMethodId === null ? legacyDeliveryDetails(row.clientId, row.leadTypeId, projection) : (methods.get(row.deliveryMethodId) ?? null);
    return deliveryAccountToSeed(
      row,
      criteria.map((c) => criterionToSeed(c, byLowerName)),
      details,
    );
  });
}
