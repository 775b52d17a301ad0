import { DataSource } from 'typeorm';
import { ConfigChanges } from '../config-changes';
import { ClientsError } from './clients.errors';
import { isUniqueViolation } from './unique-violation';

/** Seed 003 "Client Group List" item. */
export interface ClientGroupView {
  ClientGroupUID: number;
  Description: string;
  DisplayOrder: number;
  ClientCount: number;
}

export interface ClientGroupInput {
  ClientGroupUID: number;
  Description: string;
  DisplayOrder: number;
}

/** Client groups: listed with their client counts, created (ClientGroupUID 0) or modified. */
export class ClientGroupsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(): Promise<ClientGroupView[]> {
    const rows = (await this.ds.query(
      `SELECT g.id, g.description, g.display_order, (SELECT count(*)::int FROM clients c WHERE c.group_id = g.id) AS client_count
         FROM client_groups g ORDER BY g.display_order, g.id`,
    )) as Array<{ id: number; description: string; display_order: number; client_count: number }>;
    return rows.map((r) => ({ ClientGroupUID: r.id, Description: r.description, DisplayOrder: r.display_order, ClientCount: r.client_count }));
  }

  /** Answers the group's id. A second group with the same name (any case) is a conflict: groups are also addressed by name. */
  async upsert(input: ClientGroupInput): Promise<number> {
    try {
      return await this.ds.transaction(async (m) => {
        const rows = (input.ClientGroupUID > 0
          ? await m.query(
              `WITH u AS (UPDATE client_groups SET description = $2, display_order = $3, updated_at = now() WHERE id = $1 RETURNING id) SELECT id FROM u`,
              [input.ClientGroupUID, input.Description, input.DisplayOrder],
            )
          : await m.query(`INSERT INTO client_groups (description, display_order) VALUES ($1, $2) RETURNING id`, [input.Description, input.DisplayOrder])) as Array<{ id: number }>;
        if (!rows.length) throw ClientsError.notFound('client group', input.ClientGroupUID);
        await this.changes.record(m, 'client_group', rows[0].id);
        return rows[0].id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'client_groups_description_ci_uq')) {
        throw new ClientsError('conflict', `a client group named ${JSON.stringify(input.Description)} already exists`, [{ field: 'Description', message: 'is already in use' }]);
      }
      throw err;
    }
  }
}
