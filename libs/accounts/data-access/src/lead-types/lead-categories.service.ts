import { DataSource } from 'typeorm';
import { ConfigChanges } from '../config-changes';
import { LeadTypesError } from './lead-types.errors';
import { assertLeadTypeExists } from './lead-types.service';

/** Seed 003 "Lead Categories". */
export interface LeadCategoriesView {
  LeadCategories: Array<{ LeadCatUID: number; Caption: string }>;
}

/** Extension: create (LeadCatUID 0), rename, or with Delete remove a category. */
export interface LeadCategoryInput {
  LeadCatUID?: number;
  Caption?: string;
  Delete?: boolean;
}

export const MAX_CATEGORY_CAPTION_LENGTH = 200;

/**
 * Lead categories of a lead type (lead_categories) and the category assignment of a campaign
 * (campaigns.category_id, seed 003 "Update Category Assignment of a Campaign").
 */
export class LeadCategoriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(leadTypeId: number): Promise<LeadCategoriesView> {
    await assertLeadTypeExists(this.ds, leadTypeId);
    const rows = (await this.ds.query(`SELECT id, name FROM lead_categories WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])) as Array<{ id: number; name: string }>;
    return { LeadCategories: rows.map((r) => ({ LeadCatUID: r.id, Caption: r.name })) };
  }

  /** Answers the category's id (also for a removal). */
  async save(leadTypeId: number, input: LeadCategoryInput): Promise<number> {
    const uid = input.LeadCatUID ?? 0;
    const caption = input.Caption;
    if (!input.Delete) {
      if (caption === undefined && uid === 0) throw LeadTypesError.invalid([{ Field: 'Caption', Message: 'Caption is required to create a category' }]);
      if (caption !== undefined && !caption.trim()) throw LeadTypesError.invalid([{ Field: 'Caption', Message: 'Caption must not be empty' }]);
      if (caption !== undefined && caption.length > MAX_CATEGORY_CAPTION_LENGTH) {
        throw LeadTypesError.invalid([{ Field: 'Caption', Message: `Caption must be at most ${MAX_CATEGORY_CAPTION_LENGTH} characters` }]);
      }
    }
    return this.ds.transaction(async (m) => {
      await assertLeadTypeExists(m, leadTypeId);
      if (uid === 0) {
        if (input.Delete) throw LeadTypesError.invalid([{ Field: 'LeadCatUID', Message: 'LeadCatUID is required to delete a category' }]);
        const [row] = (await m.query(`INSERT INTO lead_categories (lead_type_id, name) VALUES ($1, $2) RETURNING id`, [leadTypeId, caption])) as Array<{ id: number }>;
        await this.changes.record(m, 'category', row.id);
        return row.id;
      }
      const rows = input.Delete
        ? ((await m.query(`WITH d AS (DELETE FROM lead_categories WHERE id = $1 AND lead_type_id = $2 RETURNING id) SELECT id FROM d`, [uid, leadTypeId])) as unknown[])
        : ((await m.query(
            `WITH u AS (UPDATE lead_categories SET name = COALESCE($3, name), updated_at = now() WHERE id = $1 AND lead_type_id = $2 RETURNING id) SELECT id FROM u`,
            [uid, leadTypeId, caption ?? null],
          )) as unknown[]);
      if (!rows.length) throw LeadTypesError.notFound(`category ${uid} of lead type`, leadTypeId);
      // Removing a category unassigns its campaigns (ON DELETE SET NULL): they changed too.
      await this.changes.record(m, 'category', uid, input.Delete ? 'deleted' : 'upserted');
      return uid;
    });
  }

  /**
   * Assigns a campaign of the lead source to a category of the campaign's lead type; 0 removes
   * the assignment. A campaign of another source is not found, as the seed's path nests it.
   */
  async assignCampaign(leadSourceId: number, campaignId: number, categoryId: number): Promise<true> {
    return this.ds.transaction(async (m) => {
      const [campaign] = (await m.query(`SELECT id, lead_type_id FROM campaigns WHERE id = $1 AND lead_source_id = $2 FOR NO KEY UPDATE`, [
        campaignId, leadSourceId,
      ])) as Array<{ id: number; lead_type_id: number }>;
      if (!campaign) throw LeadTypesError.notFound(`campaign ${campaignId} of lead source`, leadSourceId);
      if (categoryId > 0) {
        const [category] = (await m.query(`SELECT lead_type_id FROM lead_categories WHERE id = $1 FOR KEY SHARE`, [categoryId])) as Array<{ lead_type_id: number }>;
        if (!category) throw LeadTypesError.notFound('category', categoryId);
        if (category.lead_type_id !== campaign.lead_type_id) {
          throw LeadTypesError.invalid([{
            Field: 'CategoryUID',
            Message: `CategoryUID ${categoryId} is a category of lead type ${category.lead_type_id}, the campaign's lead type is ${campaign.lead_type_id}`,
          }]);
        }
      }
      await m.query(`UPDATE campaigns SET category_id = $2, updated_at = now() WHERE id = $1`, [campaignId, categoryId > 0 ? categoryId : null]);
      await this.changes.record(m, 'campaign', campaignId);
      return true as const;
    });
  }
}
