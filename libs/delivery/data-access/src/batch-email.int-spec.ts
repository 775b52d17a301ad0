import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { DeliveryRequestedV1, EventEnvelope } from '@leadx/contracts';
import { DemoCatalog, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { BatchEmailService } from './batch-email.service';
import { DeliverLeadService } from './deliver-lead.service';

/** Batch Email File Delivery against real Postgres and a real local SMTP server (smtp-server). */
describe('Batch Email File Delivery', () => {
  let ds: DataSource;
  let catalog: DemoCatalog;
  let smtp: SMTPServer;
  const mails: Array<{ to: string[]; raw: string }> = [];
  const service = `batch-email-test-${uniqueSuffix()}`;
  let delivery: DeliverLeadService;
  let batch: BatchEmailService;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const options = { timeoutMs: 3_000, allowPrivate: true, retryBaseMs: 10 };
    delivery = new DeliverLeadService(ds, new Outbox(service), options);
    batch = new BatchEmailService(ds, new Outbox(service), { ...options, openSecret: () => '' });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await ds.destroy();
  });

  async function batchAccount(days: Array<{ weekDay: number; start: string; end: string }> = []): Promise<{ accountId: number; methodId: number }> {
    const port = (smtp.server.address() as AddressInfo).port;
    const [m] = (await ds.query(
      `INSERT INTO delivery_methods (client_id, lead_type_id, type, name, enabled, smtp_server, to_address, email_subject, email_template)
       VALUES ($1, $2, 'Batch Email File Delivery', 'batch', true, $3, 'leads@buyer.example', 'Leads: {Count}', 'Attached: {Count} leads') RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, `127.0.0.1:${port}`],
    )) as Array<{ id: number }>;
    await ds.query(
      `INSERT INTO delivery_method_settings (delivery_method_id, field_type, field_name, value, lead_field_id)
       VALUES ($1, 'Lead Field', 'first_name', '', (SELECT id FROM lead_type_fields WHERE lead_type_id = $2 AND name = 'FirstName')),
              ($1, 'Special Field', 'lead_id', 'LeadUID', NULL)`,
      [m.id, catalog.leadTypeId],
    );
    for (const d of days) {
      await ds.query(`INSERT INTO delivery_method_days (delivery_method_id, week_day, start_time, end_time, allow) VALUES ($1, $2, $3, $4, true)`, [m.id, d.weekDay, d.start, d.end]);
    }
    const [a] = (await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, delivery_method, delivery_method_id) VALUES ($1, $2, 'batch', 20, '{"type":"JSON","url":""}', $3) RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, m.id],
    )) as Array<{ id: number }>;
    return { accountId: a.id, methodId: m.id };
  }

  async function request(accountId: number, firstName: string): Promise<DeliveryRequestedV1> {
    const lead = await insertTestLead(ds, catalog, { FirstName: firstName, State: 'TX' });
    const [a] = (await ds.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, 20) RETURNING id::int AS id`, [lead.id, accountId])) as Array<{ id: number }>;
    return DeliveryRequestedV1.of({ leadId: lead.id, leadUid: lead.uid, deliveryAccountId: accountId, clientId: catalog.clientId, assignmentId: a.id, price: 20 });
  }

  const handle = (req: DeliveryRequestedV1) =>
    ds.transaction((manager) => {
      const envelope = { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope;
      return delivery.onRequested(req, { envelope, manager, topic: 'distribution.delivery.requested.v1', partition: 0, offset: '0' } as EventContext);
    });

  /** The CSV part of a raw MIME message (nodemailer writes text/csv base64 or quoted-printable). */
  function attachment(raw: string): string {
    const part = raw.split(/\r\n--/).find((p) => /content-type: text\/csv/i.test(p));
    if (!part) return '';
    const [head, ...body] = part.split('\r\n\r\n');
    const content = body.join('\r\n\r\n');
    if (/base64/i.test(head)) return Buffer.from(content.replace(/\s/g, ''), 'base64').toString('utf8');
    return content.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }

  const sendsOf = async (leadIds: number[]) =>
    (await ds.query(`SELECT lead_id::int AS lead_id, status, price::float AS price FROM sends WHERE lead_id = ANY($1) ORDER BY lead_id`, [leadIds])) as Array<{ lead_id: number; status: string; price: number }>;
  const announced = async (leadIds: number[]) =>
    (await ds.query(
      `SELECT envelope->'payload'->>'outcome' AS outcome FROM outbox WHERE service = $1 AND message_key = ANY($2) ORDER BY id`,
      [service, leadIds.map(String)],
    )) as Array<{ outcome: string }>;

  it('queues the leads, then sends them as one CSV per method, records and announces each once', async () => {
    const { accountId } = await batchAccount();
    const reqs = [await request(accountId, 'Ada'), await request(accountId, 'Grace')];
    for (const r of reqs) await handle(r);
    await handle(reqs[0]); // a replayed request adds nothing
    const ids = reqs.map((r) => r.leadId);
    expect((await sendsOf(ids)).map((s) => s.status)).toEqual(['queued', 'queued']);
    expect(await announced(ids)).toEqual([]);
    const before = mails.length;

    expect(await batch.runDue()).toBeGreaterThanOrEqual(1);
    const mine = mails.slice(before).filter((m) => attachment(m.raw).includes(`Ada,${ids[0]}`));
    expect(mine).toHaveLength(1);
    expect(attachment(mine[0].raw)).toBe(`first_name,lead_id\r\nAda,${ids[0]}\r\nGrace,${ids[1]}\r\n`);
    expect(mine[0].to).toEqual(['leads@buyer.example']);
    expect(mine[0].raw).toContain('Subject: Leads: 2');
    expect(mine[0].raw).toMatch(/filename=.?batch-\d+-\d{8}T\d{6}\.csv/);
    expect(await sendsOf(ids)).toEqual([{ lead_id: ids[0], status: 'sold', price: 20 }, { lead_id: ids[1], status: 'sold', price: 20 }]);
    expect(await announced(ids)).toEqual([{ outcome: 'sold' }, { outcome: 'sold' }]);

    // Nothing left: a second pass sends nothing more.
    const after = mails.length;
    await batch.runDue();
    expect(mails.length).toBe(after);
  });

  it('holds the batch outside its delivery days, and settles a crashed pass as ambiguous without re-sending', async () => {
    const { accountId } = await batchAccount([{ weekDay: 0, start: '00:00', end: '00:00:01' }]);
    const req = await request(accountId, 'Hedy');
    await handle(req);
    // Outside Sunday 00:00:00-00:00:01 in the client's zone, whichever US zone or UTC it is.
    const sunday0001 = new Date('2026-11-22T06:00:30Z');
    const before = mails.length;
    await batch.runDue(sunday0001);
    expect(mails.length).toBe(before);
    expect((await sendsOf([req.leadId]))[0].status).toBe('queued');

    // What a pass killed after its claim leaves: rows `sending`.
    await ds.query(`UPDATE sends SET status = 'sending' WHERE lead_id = $1`, [req.leadId]);
    await batch.runDue(sunday0001);
    expect(mails.length).toBe(before);
    expect((await sendsOf([req.leadId]))[0].status).toBe('ambiguous');
    expect(await announced([req.leadId])).toEqual([{ outcome: 'ambiguous' }]);
  });
});
