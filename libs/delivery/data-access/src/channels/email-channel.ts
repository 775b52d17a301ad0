import { createTransport } from 'nodemailer';
import { buildEmail, RenderedField, toCsv } from '@leadx/delivery-domain';
import { assertOutboundUrl } from '@leadx/platform-outbound-http';
import { LoadedMethod } from '../delivery-plan';
import { MethodResult, notSentResult, parseServerAddress } from '../method-result';

export interface EmailChannelOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Opens SMTPPassword (sealed by account-admin); undefined when no key is configured. */
  openSecret: (sealed: string, context: string) => string;
}

/** SMTP errors that prove the message was not taken: it may be retried or handed to the alternate. */
const NOT_TAKEN = new Set(['ECONNECTION', 'EDNS', 'EAUTH', 'EENVELOPE', 'ETLS', 'ENOAUTH']);

/**
 * E-Mail and CSV Attachment delivery through the method's SMTP server (SMTPServer `host[:port]`,
 * `smtps://host` for implicit TLS; port 25 by default). The SMTP server accepting the message is a
 * delivery; a refusal before DATA is `failed`; a connection lost after DATA began is ambiguous.
 */
export async function deliverByEmail(
  method: LoadedMethod, fields: RenderedField[], leadId: number, options: EmailChannelOptions,
  /** Batch Email File Delivery: this file instead of the lead's own CSV. */
  batchFile?: { filename: string; csv: string },
): Promise<MethodResult> {
  const server = parseServerAddress(method.email.smtpServer, 25);
  if (!server) return notSentResult('E-Mail delivery needs an SMTPServer; not sent');
  const secure = server.scheme === 'smtps' || (server.scheme === 'x-none' && server.port === 465);
  const requestUrl = `smtp${secure ? 's' : ''}://${server.host}:${server.port}`;
  try {
    await assertOutboundUrl(`http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}/`, { allowPrivate: options.allowPrivate });
  } catch (err) {
    return notSentResult(`SMTP server refused: ${err instanceof Error ? err.message : String(err)}; not sent`, requestUrl);
  }
  const mail = buildEmail({ to: method.email.to, cc: method.email.cc, bcc: method.email.bcc, subject: method.email.subject, template: method.email.template }, fields);
  if (!mail.to.length) return notSentResult('E-Mail delivery has no valid recipient (tAddress / EmailAddress); not sent', requestUrl);
  let password = '';
  if (method.email.smtpAuth && method.email.smtpPasswordSealed) {
    try {
      password = options.openSecret(method.email.smtpPasswordSealed, `delivery_method:${method.id}:smtp_password_sealed`);
    } catch (err) {
      return notSentResult(`SMTPPassword cannot be opened (${err instanceof Error ? err.message : String(err)}); not sent`, requestUrl);
    }
  }
  const transport = createTransport({
    host: server.host,
    port: server.port,
    secure,
    auth: method.email.smtpAuth ? { user: method.email.smtpUsername, pass: password } : undefined,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  });
  const csv = batchFile?.csv ?? (method.kind === 'CSV_EMAIL' ? toCsv(fields) : undefined);
  const filename = batchFile?.filename ?? `lead-${leadId}.csv`;
  const requestBody = JSON.stringify({ to: mail.to, cc: mail.cc, bcc: mail.bcc, subject: mail.subject, body: mail.text ?? mail.html, attachment: csv });
  const started = Date.now();
  try {
    const info = await transport.sendMail({
      from: method.email.from || method.email.smtpUsername || 'leads@localhost',
      to: mail.to,
      cc: mail.cc,
      bcc: mail.bcc,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: csv === undefined ? undefined : [{ filename, content: csv, contentType: 'text/csv' }],
    });
    const accepted = info.accepted.length;
    return {
      outcome: accepted ? 'sold' : 'failed', message: accepted ? `SMTP server accepted (${info.response})` : 'SMTP server accepted no recipient',
      requestUrl, requestBody, responseStatus: Number(/^\d{3}/.exec(info.response)?.[0] ?? 250), responseBody: info.response, durationMs: Date.now() - started,
    };
  } catch (err) {
    const e = err as { code?: string; command?: string; responseCode?: number; response?: string; message?: string };
    const refused = NOT_TAKEN.has(e.code ?? '') || (e.responseCode !== undefined && e.responseCode >= 400) || e.command === 'CONN';
    return {
      outcome: refused ? 'failed' : 'ambiguous',
      message: refused ? `SMTP server did not take the message (${e.code ?? ''} ${e.response ?? e.message ?? ''})`.trim() : `SMTP connection lost after sending began (${e.code ?? 'UNKNOWN'}); not re-sent`,
      requestUrl, requestBody, responseStatus: e.responseCode ?? null, responseBody: e.response ?? null, durationMs: Date.now() - started,
      retryable: e.code === 'ECONNECTION' || e.command === 'CONN' || (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500),
    };
  } finally {
    transport.close();
  }
}
