import { Pool } from 'pg';
import { LeadLedger } from './lead-ledger';

export interface CrossCheck {
  /** Requests whose 2xx answer carried a leadId. */
  acknowledged: number;
  /** Rows in `leads` for the benchmark's campaign. */
  rows: number;
  /** A 2xx leadId with no such row (or a row of another request): the source was told "stored" wrongly. */
  lost: number;
  /** One request stored twice, or one leadId answered to two requests. */
  duplicated: number;
  /** Rows whose request got no 2xx (the client gave up first): stored, not lost; a retry would replay them. */
  unacknowledged: number;
  /** Rows whose reference this run never sent. */
  foreign: number;
  /** A few concrete cases, for the report. */
  examples: string[];
}

/**
 * Every 2xx leadId against Postgres: it must exist exactly once, be the row of the request that
 * got it (the reference carries the request's sequence number), and no request may be stored twice.
 */
export async function crossCheckLeads(pool: Pool, campaignId: number, ledger: LeadLedger): Promise<CrossCheck> {
  const { rows } = await pool.query<{ id: string; reference: string | null }>(`SELECT id, reference FROM leads WHERE campaign_id = $1`, [campaignId]);
  const check: CrossCheck = { acknowledged: 0, rows: rows.length, lost: 0, duplicated: 0, unacknowledged: 0, foreign: 0, examples: [] };
  const note = (line: string) => check.examples.length < 5 && check.examples.push(line);

  const rowOfSeq = new Map<number, number>();
  for (const row of rows) {
    const id = Number(row.id);
    const seq = ledger.seqOf(row.reference);
    if (seq === undefined) {
      check.foreign++;
      note(`row ${id} has reference ${row.reference ?? 'NULL'}, which this run never sent`);
      continue;
    }
    const earlier = rowOfSeq.get(seq);
    if (earlier !== undefined) {
      check.duplicated++;
      note(`request ${seq} is stored twice: leads ${earlier} and ${id}`);
      continue;
    }
    rowOfSeq.set(seq, id);
  }

  const requestOfLead = new Map<number, number>();
  for (let seq = 0; seq < ledger.count; seq++) {
    const answered = ledger.leadIdOf(seq);
    const stored = rowOfSeq.get(seq);
    if (answered === 0) {
      if (stored !== undefined) check.unacknowledged++;
      continue;
    }
    check.acknowledged++;
    const other = requestOfLead.get(answered);
    if (other !== undefined) {
      check.duplicated++;
      note(`lead ${answered} was answered to requests ${other} and ${seq}`);
    }
    requestOfLead.set(answered, seq);
    if (stored !== answered) {
      check.lost++;
      note(`request ${seq} was answered lead ${answered}, but ${stored === undefined ? 'no row carries its reference' : `its row is lead ${stored}`}`);
    }
  }
  return check;
}

export interface PipelineState {
  total: number;
  /** Leads not yet at a terminal status (still `accepted` or `screened`). */
  inFlight: number;
  /** Receiver outbox rows not yet published to Kafka. */
  unpublished: number;
  byStatus: Record<string, number>;
}

export async function pipelineState(pool: Pool, campaignId: number): Promise<PipelineState> {
  const statuses = await pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM leads WHERE campaign_id = $1 GROUP BY status`, [campaignId]);
  const outbox = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE service = 'receiver' AND published_at IS NULL`);
  const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
  const total = statuses.rows.reduce((sum, r) => sum + r.n, 0);
  const inFlight = (byStatus['accepted'] ?? 0) + (byStatus['screened'] ?? 0);
  return { total, inFlight, unpublished: outbox.rows[0].n, byStatus };
}

/** Polls until no lead of the campaign is in flight, or `timeoutS` passed. */
export async function waitForPipeline(pool: Pool, campaignId: number, timeoutS: number): Promise<PipelineState & { waitedS: number }> {
  const start = Date.now();
  for (;;) {
    const state = await pipelineState(pool, campaignId);
    const waitedS = (Date.now() - start) / 1000;
    if (state.inFlight === 0 || waitedS >= timeoutS) return { ...state, waitedS };
    await new Promise((r) => setTimeout(r, 500));
  }
}
