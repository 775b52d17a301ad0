import { DataSource } from 'typeorm';

/** A delivery as seed 002 reports it in `results.sends`. */
export interface LeadSend {
  clientId: number;
  clientName: string;
  redirectURL: string;
  valid: boolean;
  price: number;
}

/** A live-call buyer in seed 002's transfer answer (`results.client`). */
export interface TransferClientView {
  clientId: number;
  clientName: string;
  agentName: string;
  agentPhone: string;
  redirectURL: string;
  valid: boolean;
  price: number;
}

/** States after which nothing more will be delivered for a lead. */
const TERMINAL = ['sold', 'unsold', 'rejected', 'not_sold_no_sell'];

/**
 * For campaigns that deliver before answering (UseDeliveryQueue off) or return sends
 * (AllowSendResponse): waits, bounded, until the leads reach a terminal state, then reads their
 * sends. Polling Postgres keeps it correct across receiver replicas (whichever replica consumes the
 * completion event, the state is in the table); the interval grows from 10 ms to 100 ms.
 */
export class DeliveryWaiter {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves true when every lead is terminal, false when `timeoutMs` passed first. */
  async waitForTerminal(leadIds: number[], timeoutMs: number): Promise<boolean> {
    if (!leadIds.length) return true;
    const deadline = Date.now() + timeoutMs;
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      const [{ pending }] = (await this.dataSource.query(
        `SELECT count(*)::int AS pending FROM leads WHERE id = ANY($1::bigint[]) AND status <> ALL($2::text[])`,
        [leadIds, TERMINAL],
      )) as Array<{ pending: number }>;
      if (pending === 0) return true;
      if (Date.now() + delay > deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** The finished sends of each lead, by lead id. */
  async sendsFor(leadIds: number[]): Promise<Map<number, LeadSend[]>> {
    const rows = (await this.dataSource.query(
      `SELECT s.lead_id::int AS lead_id, c.id AS client_id, c.name AS client_name, s.status, s.price::float AS price
         FROM sends s JOIN delivery_accounts a ON a.id = s.delivery_account_id JOIN clients c ON c.id = a.client_id
        WHERE s.lead_id = ANY($1::bigint[]) AND s.status <> 'sending' ORDER BY s.id`,
      [leadIds],
    )) as Array<{ lead_id: number; client_id: number; client_name: string; status: string; price: number }>;
    const out = new Map<number, LeadSend[]>(leadIds.map((id) => [id, []]));
    for (const r of rows) {
      out.get(r.lead_id)?.push({ clientId: r.client_id, clientName: r.client_name, redirectURL: '', valid: r.status === 'sold', price: r.price });
    }
    return out;
  }

  /** For call transfers: the live-call buyers that took each lead, with their agent. */
  async transferClientsFor(leadIds: number[]): Promise<Map<number, TransferClientView[]>> {
    const rows = (await this.dataSource.query(
      `SELECT s.lead_id::int AS lead_id, c.id AS client_id, c.name AS client_name, a.agent_name, a.agent_phone,
              a.redirect_url, s.price::float AS price
         FROM sends s JOIN delivery_accounts a ON a.id = s.delivery_account_id JOIN clients c ON c.id = a.client_id
        WHERE s.lead_id = ANY($1::bigint[]) AND s.status = 'sold' ORDER BY s.id`,
      [leadIds],
    )) as Array<{ lead_id: number; client_id: number; client_name: string; agent_name: string | null; agent_phone: string | null; redirect_url: string | null; price: number }>;
    const out = new Map<number, TransferClientView[]>(leadIds.map((id) => [id, []]));
    for (const r of rows) {
      out.get(r.lead_id)?.push({
        clientId: r.client_id,
        clientName: r.client_name,
        agentName: r.agent_name ?? '',
        agentPhone: r.agent_phone ?? '',
        redirectURL: r.redirect_url ?? '',
        valid: true,
        price: r.price,
      });
    }
    return out;
  }
}
