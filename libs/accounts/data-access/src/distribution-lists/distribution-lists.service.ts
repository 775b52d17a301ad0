import { DataSource, EntityManager } from 'typeorm';
import {
  AssignedClient,
  DISTRIBUTION_LIST_ACCOUNT_UID,
  DistributionListRefusal,
  DistributionListStatus,
  DistributionListStatusName,
  itemAssignmentView,
  itemClientIds,
} from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';

/** Extension PUT /v1/distribution/lists: CustomListUID 0 creates. 0 means "none" for the optional ids. */
export interface DistributionListInput {
  CustomListUID: number;
  LeadTypeUID: number;
  LeadFieldUID: number;
  Description: string;
  DefaultClient?: number;
  Status: DistributionListStatusName;
  DependField?: number;
  Value?: string;
}

/** PUT /v1/distribution/lists/{DistributionListUID}: CustomListItemUID 0 creates. */
export interface DistributionListItemInput {
  CustomListItemUID: number;
  CustomListUID: number;
  Description: string;
  Tag1: string;
  Tag2: string;
  Value: string;
  AssignedClient: number;
  AssignedClients: string;
}

export interface DistributionListItemView {
  CustomListItemUID: number;
  CustomListUID: number;
  Description: string;
  Tag1: string;
  Tag2: string;
  Value: string;
  AssignedClient: number;
  AssignedClients: string;
  AssignedName: string;
}

export interface DistributionListView {
  CustomListUID: number;
  AccountUID: number;
  LeadTypeUID: number;
  LeadFieldUID: number;
  Description: string;
  FieldName: string;
  DefaultClient: number;
  ClientName: string;
  Assigned: number;
  Unassigned: number;
  Status: number;
  DependField: number;
  Value: string;
  LinkFieldText: string;
  Items: DistributionListItemView[];
}

interface ListRow {
  id: number;
  lead_type_id: number;
  lead_field_id: number | null;
  name: string;
  field_name: string | null;
  default_client_id: number | null;
  client_name: string | null;
  status: number;
  depend_field_id: number | null;
  depend_value: string;
  depend_name: string | null;
  assigned: number;
  unassigned: number;
}

interface ItemRow {
  id: number;
  list_id: number;
  description: string;
  tag1: string;
  tag2: string;
  value: string;
  assigned: AssignedClient[];
}

/** Postgres unique_violation on the (list, value) constraint. */
const isDuplicateValue = (err: unknown): boolean =>
  (err as { code?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'distribution_list_items_value_uq';

/**
 * Distribution lists: a lead field's values (items, e.g. zip codes) each assigned to one client or
 * several; the scanner sends a lead to the clients of the item matching its field value.
 */
export class DistributionListsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  /** Creates or modifies a list (not its items); answers its id. */
  async saveList(input: DistributionListInput): Promise<number> {
    return this.ds.transaction(async (m) => {
      if (!(await exists(m, 'SELECT 1 FROM lead_types WHERE id = $1', [input.LeadTypeUID]))) throw DistributionListRefusal.notFound('lead type', input.LeadTypeUID);
      for (const fieldId of [input.LeadFieldUID, input.DependField || 0]) {
        if (fieldId !== 0 && !(await exists(m, 'SELECT 1 FROM lead_type_fields WHERE id = $1 AND lead_type_id = $2', [fieldId, input.LeadTypeUID]))) {
          throw DistributionListRefusal.notFound('lead field', `${fieldId} of lead type ${input.LeadTypeUID}`);
        }
      }
      const defaultClient = input.DefaultClient || null;
      if (defaultClient !== null) await requireClient(m, defaultClient);
      const values = [
        input.LeadTypeUID,
        input.LeadFieldUID,
        input.Description,
        defaultClient,
        DistributionListStatus.numberOf(input.Status),
        input.DependField || null,
        input.Value ?? '',
      ];
      let id = input.CustomListUID;
      if (id === 0) {
        const [row] = await m.query(
          `INSERT INTO distribution_lists (lead_type_id, lead_field_id, name, default_client_id, status, depend_field_id, depend_value)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          values,
        );
        id = row.id;
      } else {
        const [row] = await m.query(
          `WITH u AS (
             UPDATE distribution_lists SET lead_type_id = $1, lead_field_id = $2, name = $3, default_client_id = $4, status = $5,
               depend_field_id = $6, depend_value = $7, updated_at = now()
             WHERE id = $8 RETURNING id)
           SELECT id FROM u`,
          [...values, id],
        );
        if (!row) throw DistributionListRefusal.notFound('distribution list', id);
      }
      await this.changes.record(m, 'distribution_list', id);
      return id;
    });
  }

  /** Every list with all its items (the seed has no paging here). */
  async lists(): Promise<DistributionListView[]> {
    const lists = await this.listRows(null);
    const byList = new Map<number, ItemRow[]>();
    for (const item of await this.itemRows(lists.map((l) => l.id), null)) {
      const listItems = byList.get(item.list_id);
      if (listItems) listItems.push(item);
      else byList.set(item.list_id, [item]);
    }
    return lists.map((l) => listView(l, byList.get(l.id) ?? []));
  }

  /** One list with the items assigned to the client (Assigned/Unassigned still count the whole list). */
  async forClient(clientId: number, listId: number): Promise<DistributionListView> {
    await requireClient(this.ds.manager, clientId);
    const [list] = await this.listRows(listId);
    if (!list) throw DistributionListRefusal.notFound('distribution list', listId);
    return listView(list, await this.itemRows([listId], clientId));
  }

  /** Creates or modifies an item and sets its assignments to the body's; answers its id. */
  async saveItem(listId: number, input: DistributionListItemInput): Promise<number> {
    if (input.CustomListUID !== 0 && input.CustomListUID !== listId) {
      throw new DistributionListRefusal('invalid', `CustomListUID ${input.CustomListUID} differs from the DistributionListUID ${listId} of the path`, 'CustomListUID');
    }
    const clientIds = itemClientIds(input.AssignedClient, input.AssignedClients);
    try {
      return await this.ds.transaction(async (m) => {
        await requireList(m, listId);
        const known: { id: number }[] = clientIds.length ? await m.query(`SELECT id FROM clients WHERE id = ANY($1)`, [clientIds]) : [];
        const missing = clientIds.find((id) => !known.some((k) => k.id === id));
        if (missing !== undefined) throw DistributionListRefusal.notFound('client', missing);

        const values = [listId, input.Description, input.Tag1, input.Tag2, input.Value];
        let itemId = input.CustomListItemUID;
        if (itemId === 0) {
          const [row] = await m.query(`INSERT INTO distribution_list_items (list_id, description, tag1, tag2, value) VALUES ($1, $2, $3, $4, $5) RETURNING id`, values);
          itemId = row.id;
        } else {
          const [row] = await m.query(
            `WITH u AS (
               UPDATE distribution_list_items SET description = $2, tag1 = $3, tag2 = $4, value = $5, updated_at = now()
               WHERE list_id = $1 AND id = $6 RETURNING id)
             SELECT id FROM u`,
            [...values, itemId],
          );
          if (!row) throw DistributionListRefusal.notFound('distribution list item', `${itemId} of list ${listId}`);
        }
        await m.query(`DELETE FROM distribution_list_assignments WHERE item_id = $1 AND NOT (client_id = ANY($2::int[]))`, [itemId, clientIds]);
        await m.query(
          `INSERT INTO distribution_list_assignments (item_id, client_id, list_id) SELECT $1, unnest($2::int[]), $3 ON CONFLICT DO NOTHING`,
          [itemId, clientIds, listId],
        );
        await this.changes.record(m, 'distribution_list', listId);
        return itemId;
      });
    } catch (err) {
      if (isDuplicateValue(err)) throw new DistributionListRefusal('conflict', `distribution list ${listId} already has an item with Value "${input.Value.trim()}"`);
      throw err;
    }
  }

  /** Adds the client to the item's assignments (a single assignment becomes multiple). */
  async assign(clientId: number, listId: number, itemId: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.requireTargets(m, clientId, listId, itemId);
      await m.query(`INSERT INTO distribution_list_assignments (item_id, client_id, list_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [itemId, clientId, listId]);
      await this.changes.record(m, 'distribution_list', listId);
    });
  }

  /** Removes the client's assignment to the item (the item itself stays in the list). */
  async unassign(clientId: number, listId: number, itemId: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.requireTargets(m, clientId, listId, itemId);
      const deleted = await m.query(
        `WITH d AS (DELETE FROM distribution_list_assignments WHERE item_id = $1 AND client_id = $2 RETURNING 1) SELECT 1 FROM d`,
        [itemId, clientId],
      );
      if (deleted.length === 0) throw DistributionListRefusal.notFound('assignment of client', `${clientId} to item ${itemId}`);
      await this.changes.record(m, 'distribution_list', listId);
    });
  }

  private async requireTargets(m: EntityManager, clientId: number, listId: number, itemId: number): Promise<void> {
    await requireClient(m, clientId);
    await requireList(m, listId);
    if (!(await exists(m, 'SELECT 1 FROM distribution_list_items WHERE id = $1 AND list_id = $2', [itemId, listId]))) {
      throw DistributionListRefusal.notFound('distribution list item', `${itemId} of list ${listId}`);
    }
  }

  private listRows(listId: number | null): Promise<ListRow[]> {
    return this.ds.query(
      `SELECT l.id, l.lead_type_id, l.lead_field_id, l.name, f.name AS field_name, l.default_client_id, c.name AS client_name, l.status,
              l.depend_field_id, l.depend_value, d.name AS depend_name,
              (SELECT count(*) FROM distribution_list_items i WHERE i.list_id = l.id
                 AND EXISTS (SELECT 1 FROM distribution_list_assignments a WHERE a.item_id = i.id))::int AS assigned,
              (SELECT count(*) FROM distribution_list_items i WHERE i.list_id = l.id
                 AND NOT EXISTS (SELECT 1 FROM distribution_list_assignments a WHERE a.item_id = i.id))::int AS unassigned
       FROM distribution_lists l
       LEFT JOIN lead_type_fields f ON f.id = l.lead_field_id
       LEFT JOIN lead_type_fields d ON d.id = l.depend_field_id
       LEFT JOIN clients c ON c.id = l.default_client_id
       WHERE ($1::int IS NULL OR l.id = $1)
       ORDER BY l.id`,
      [listId],
    );
  }

  /** Items of the lists with their assigned clients; with clientId, only the items assigned to it. */
  private itemRows(listIds: number[], clientId: number | null): Promise<ItemRow[]> {
    if (listIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT i.id, i.list_id, i.description, i.tag1, i.tag2, i.value,
              coalesce(json_agg(json_build_object('clientId', a.client_id, 'name', c.name) ORDER BY a.client_id)
                FILTER (WHERE a.client_id IS NOT NULL), '[]') AS assigned
       FROM distribution_list_items i
       LEFT JOIN distribution_list_assignments a ON a.item_id = i.id
       LEFT JOIN clients c ON c.id = a.client_id
       WHERE i.list_id = ANY($1)
         AND ($2::int IS NULL OR EXISTS (SELECT 1 FROM distribution_list_assignments x WHERE x.item_id = i.id AND x.client_id = $2))
       GROUP BY i.id
       ORDER BY i.list_id, i.id`,
      [listIds, clientId],
    );
  }
}

async function exists(m: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  return (await m.query(sql, params)).length > 0;
}

async function requireClient(m: EntityManager, clientId: number): Promise<void> {
  if (!(await exists(m, 'SELECT 1 FROM clients WHERE id = $1', [clientId]))) throw DistributionListRefusal.notFound('client', clientId);
}

async function requireList(m: EntityManager, listId: number): Promise<void> {
  if (!(await exists(m, 'SELECT 1 FROM distribution_lists WHERE id = $1', [listId]))) throw DistributionListRefusal.notFound('distribution list', listId);
}

function listView(l: ListRow, items: ItemRow[]): DistributionListView {
  return {
    CustomListUID: l.id,
    AccountUID: DISTRIBUTION_LIST_ACCOUNT_UID,
    LeadTypeUID: l.lead_type_id,
    LeadFieldUID: l.lead_field_id ?? 0,
    Description: l.name,
    FieldName: l.field_name ?? '',
    DefaultClient: l.default_client_id ?? 0,
    ClientName: l.client_name ?? '',
    Assigned: l.assigned,
    Unassigned: l.unassigned,
    Status: l.status,
    DependField: l.depend_field_id ?? 0,
    Value: l.depend_value,
    LinkFieldText: l.depend_name ?? '',
    Items: items.map((i) => ({
      CustomListItemUID: i.id,
      CustomListUID: i.list_id,
      Description: i.description,
      Tag1: i.tag1,
      Tag2: i.tag2,
      Value: i.value,
      ...itemAssignmentView(i.assigned),
    })),
  };
}
