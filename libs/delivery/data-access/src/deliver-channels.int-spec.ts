import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createNetServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { DeliveryRequestedV1, EventEnvelope } from '@leadx/contracts';
import { DemoCatalog, DEVELOPMENT_SECRETS_KEY, SecretBox, seedDemoCatalog } from '@leadx/catalog-data-access';
import { dataSourceOptions } from '@leadx/platform-database';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { insertTestLead, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { DeliverLeadService } from './deliver-lead.service';
import { LocalDeliverySmsProvider } from './channels/sms-channel';

interface Mail {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** ftp-srv logs through bunyan by default: a silent logger keeps the test output readable. */
const silent = { child: () => silent, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, fatal: () => undefined };

/** E-Mail, CSV Attachment, FTP and SMS delivery against real local SMTP and FTP servers. */
describe('DeliverLeadService channels', () => {
  let ds: DataSource;
  let catalog: DemoCatalog;
  const service = `delivery-channels-test-${uniqueSuffix()}`;
  const box = SecretBox.fromBase64(DEVELOPMENT_SECRETS_KEY);
  const sms = new LocalDeliverySmsProvider();
  let delivery: DeliverLeadService;
  let smtp: SMTPServer;
  let smtpPort: number;
  const mails: Mail[] = [];
  let ftp: FtpSrv;
  let ftpPort: number;
  let ftpRoot: string;
  const ftpLogins: string[] = [];

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions({ url: testEnv.databaseUrl, poolSize: 4 })).initialize();
    catalog = await seedDemoCatalog(ds, { buyerUrl: 'http://127.0.0.1:9', name: service });
    delivery = new DeliverLeadService(ds, new Outbox(service), {
      timeoutMs: 3_000, allowPrivate: true, retryBaseMs: 20, openSecret: (sealed, context) => box.open(sealed, context), sms,
    });
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: true,
      logger: false,
      onAuth: (auth, _session, cb) => (auth.username === 'mailer' && auth.password === 'smtp-secret' ? cb(null, { user: auth.username }) : cb(new Error('bad credentials'))),
      onRcptTo: (address, _session, cb) => (address.address.endsWith('@refuse.example') ? cb(new Error('no such mailbox')) : cb()),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : undefined,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;

    ftpRoot = await mkdtemp(join(tmpdir(), 'leadx-ftp-'));
    ftpPort = await freePort();
    const pasv = await freePort();
    ftp = new FtpSrv({ url: `ftp://127.0.0.1:${ftpPort}`, pasv_url: '127.0.0.1', pasv_min: pasv, pasv_max: pasv + 20, anonymous: false, log: silent, greeting: 'leadx test' });
    ftp.on('login', ({ username, password }, resolve, reject) => {
      ftpLogins.push(username);
      if (username === 'drop' && password === 'ftp-secret') resolve({ root: ftpRoot });
      else reject(new Error('bad login'));
    });
    await ftp.listen();
  });
  afterAll(async () => {
    await ftp.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await rm(ftpRoot, { recursive: true, force: true });
    await ds.destroy();
  });

  /** A method row (columns as named in delivery_methods), one Lead Field and one Static Value setting. */
  async function account(type: string, columns: Record<string, string | boolean>, secrets: Record<string, string> = {}): Promise<number> {
    const names = Object.keys(columns);
    const [m] = (await ds.query(
      `INSERT INTO delivery_methods (client_id, lead_type_id, type, name${names.map((n) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, 'm'${names.map((_n, i) => `, $${i + 4}`).join('')}) RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, type, ...Object.values(columns)],
    )) as Array<{ id: number }>;
    for (const [column, plain] of Object.entries(secrets)) {
      await ds.query(`UPDATE delivery_methods SET ${column} = $2 WHERE id = $1`, [m.id, box.seal(plain, `delivery_method:${m.id}:${column}`)]);
    }
    await ds.query(
      `INSERT INTO delivery_method_settings (delivery_method_id, field_type, field_name, value, lead_field_id)
       VALUES ($1, 'Lead Field', 'first_name', '', (SELECT id FROM lead_type_fields WHERE lead_type_id = $2 AND name = 'FirstName')),
              ($1, 'Static Value', 'source', 'leadx, inc', NULL)`,
      [m.id, catalog.leadTypeId],
    );
    const [a] = (await ds.query(
      `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, delivery_method, delivery_method_id) VALUES ($1, $2, 'acct', 20, '{}', $3) RETURNING id`,
      [catalog.clientId, catalog.leadTypeId, m.id],
    )) as Array<{ id: number }>;
    return a.id;
  }

  async function deliver(accountId: number) {
    const lead = await insertTestLead(ds, catalog, { FirstName: 'Ada', State: 'TX' });
    const [a] = (await ds.query(`INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, 20) RETURNING id::int AS id`, [
      lead.id, accountId,
    ])) as Array<{ id: number }>;
    const req = DeliveryRequestedV1.of({ leadId: lead.id, leadUid: lead.uid, deliveryAccountId: accountId, clientId: catalog.clientId, assignmentId: a.id, price: 20 });
    await ds.transaction((manager) =>
      delivery.onRequested(req, {
        envelope: { eventId: randomUUID(), correlationId: randomUUID() } as EventEnvelope, manager, topic: 'distribution.delivery.requested.v1', partition: 0, offset: '0',
      } as EventContext),
    );
    const [send] = (await ds.query(`SELECT id::int AS id, status, error, price::float AS price FROM sends WHERE lead_id = $1`, [lead.id])) as Array<{
      id: number; status: string; error: string | null; price: number;
    }>;
    const attempts = (await ds.query(`SELECT attempt, error FROM send_attempts WHERE send_id = $1 ORDER BY attempt`, [send.id])) as Array<{ attempt: number; error: string | null }>;
    return { lead, send, attempts };
  }

  it('E-Mail: sends the filled templates through the SMTP server, authenticating with the sealed password', async () => {
    const id = await account(
      'E-Mail',
      { smtp_server: `127.0.0.1:${smtpPort}`, smtp_auth: true, smtp_username: 'mailer', from_address: 'leads@leadx.example', to_address: 'buyer@example.com; {first_name}',
        email_subject: 'New lead: {first_name}', email_template: 'Name: {first_name}\nFrom: {source}' },
      { smtp_password_sealed: 'smtp-secret' },
    );
    const { send } = await deliver(id);
    expect(send).toMatchObject({ status: 'sold', price: 20, error: null });
    const mail = mails.at(-1);
    expect(mail).toMatchObject({ from: 'leads@leadx.example', to: ['buyer@example.com'], user: 'mailer' });
    expect(mail?.raw).toContain('Subject: New lead: Ada');
    expect(mail?.raw).toContain('Name: Ada');
  });

  it('CSV Attachment: attaches the lead as CSV; a refused recipient is failed, not sold', async () => {
    const id = await account('CSV Attachment', { smtp_server: `smtp://127.0.0.1:${smtpPort}`, email_address: 'csv@example.com' });
    const { lead, send } = await deliver(id);
    expect(send.status).toBe('sold');
    const mail = mails.at(-1);
    expect(mail?.raw).toContain(`filename=lead-${lead.id}.csv`);
    const b64 = /Content-Disposition: attachment;[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail?.raw ?? '')?.[1] ?? '';
    expect(Buffer.from(b64.replace(/\s+/g, ''), 'base64').toString('utf8')).toBe('first_name,source\r\nAda,"leadx, inc"\r\n');

    const refused = await deliver(await account('E-Mail', { smtp_server: `127.0.0.1:${smtpPort}`, to_address: 'nobody@refuse.example' }));
    expect(refused.send).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not take/) });
  });

  it('FTP: uploads one CSV file per lead with the sealed password; a wrong login is failed', async () => {
    const id = await account('FTP', { delivery_address: `ftp://127.0.0.1:${ftpPort}`, ftp_user: 'drop', ftp_path: '/incoming/leads' }, { ftp_password_sealed: 'ftp-secret' });
    const { lead, send } = await deliver(id);
    expect(send).toMatchObject({ status: 'sold', error: null });
    expect(await readFile(join(ftpRoot, 'incoming', 'leads', `lead-${lead.id}.csv`), 'utf8')).toBe('first_name,source\r\nAda,"leadx, inc"\r\n');

    const wrong = await deliver(await account('FTP', { delivery_address: `127.0.0.1:${ftpPort}`, ftp_user: 'drop' }, { ftp_password_sealed: 'nope' }));
    expect(wrong.send.status).toBe('failed');
  });

  it('SMS Notification: texts the filled template through the provider', async () => {
    const id = await account('SMS Notification', { to_address: '(512) 555-0199', email_template: 'Lead {first_name}' });
    const { send } = await deliver(id);
    expect(send.status).toBe('sold');
    expect(sms.sentTo('+15125550199').map((m) => m.text)).toContain('Lead Ada');
  });

  it('retries a refused SMTP connection, recording every attempt, then fails', async () => {
    const closed = await freePort();
    const { send, attempts } = await deliver(await account('E-Mail', { smtp_server: `127.0.0.1:${closed}`, to_address: 'a@example.com' }));
    expect(send.status).toBe('failed');
    expect(attempts).toHaveLength(3);
  });
});
