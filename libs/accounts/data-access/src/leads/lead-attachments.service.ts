import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isForeignKeyViolation, NOT_SCHEDULED_FOR_DELETION } from './lead-visibility';

export interface LeadAttachmentUpload {
  fileName: string;
  description: string;
  bytes: Buffer;
  /** The Account API client that uploads it (audit). */
  uploadedBy: string;
}

/** Seed 003 "Upload Attachment": files kept with the lead (in Postgres, so they go with it on deletion). */
export class LeadAttachmentsService {
  constructor(private readonly ds: DataSource) {}

  /** The new attachment's id, or undefined when the lead does not exist (or is scheduled for deletion). */
  async upload(leadId: number, file: LeadAttachmentUpload): Promise<number | undefined> {
    try {
      const rows = (await this.ds.query(
        `INSERT INTO lead_attachments (lead_id, file_name, description, size_bytes, sha256, content, uploaded_by)
         SELECT l.id, $2, $3, $4, $5, $6, $7 FROM leads l WHERE l.id = $1 AND ${NOT_SCHEDULED_FOR_DELETION('l')}
         RETURNING id::text AS id`,
        [leadId, file.fileName, file.description, file.bytes.length, createHash('sha256').update(file.bytes).digest(), file.bytes, file.uploadedBy],
      )) as Array<{ id: string }>;
      return rows[0] ? Number(rows[0].id) : undefined;
    } catch (err) {
      // The purge deleted the lead between the check and the insert.
      if (isForeignKeyViolation(err)) return undefined;
      throw err;
    }
  }
}
