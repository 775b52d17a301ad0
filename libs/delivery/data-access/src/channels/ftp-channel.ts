import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { fillPayloadTemplate, isJsonTemplate, RenderedField, toCsv } from '@leadx/delivery-domain';
import { assertOutboundUrl } from '@leadx/platform-outbound-http';
import { LoadedMethod } from '../delivery-plan';
import { MethodResult, notSentResult, parseServerAddress } from '../method-result';

export interface FtpChannelOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  openSecret: (sealed: string, context: string) => string;
}

/** Socket errors that prove nothing was uploaded. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * FTP delivery: one file per lead, `lead-<LeadUID>.csv` (or `.xml`/`.json` when the method has an
 * XML template), uploaded to FTPPath (else the DeliveryAddress path) on the DeliveryAddress host
 * (`ftp://host:port/dir`, `ftps://` for explicit TLS, or `host[:port]`). A failure before the
 * upload began is `failed`; one during the upload is ambiguous (part of the file may be there).
 */
export async function deliverByFtp(method: LoadedMethod, fields: RenderedField[], leadId: number, options: FtpChannelOptions): Promise<MethodResult> {
  const server = parseServerAddress(method.address, 21);
  if (!server) return notSentResult('FTP delivery needs a DeliveryAddress (ftp://host[:port]/dir); not sent');
  const requestUrl = `${server.scheme === 'ftps' ? 'ftps' : 'ftp'}://${server.host}:${server.port}`;
  try {
    await assertOutboundUrl(`http://${server.host.includes(':') ? `[${server.host}]` : server.host}:${server.port}/`, { allowPrivate: options.allowPrivate });
  } catch (err) {
    return notSentResult(`FTP host refused: ${err instanceof Error ? err.message : String(err)}; not sent`, requestUrl);
  }
  let password = '';
  if (method.ftp.passwordSealed) {
    try {
      password = options.openSecret(method.ftp.passwordSealed, `delivery_method:${method.id}:ftp_password_sealed`);
    } catch (err) {
      return notSentResult(`FTPPassword cannot be opened (${err instanceof Error ? err.message : String(err)}); not sent`, requestUrl);
    }
  }
  const template = method.template.trim();
  const content = template ? fillPayloadTemplate(method.template, fields) : toCsv(fields);
  const fileName = `lead-${leadId}.${template ? (isJsonTemplate(template) ? 'json' : 'xml') : 'csv'}`;
  const dir = (method.ftp.path || server.path || '/').trim();
  const remote = `${dir.replace(/\/+$/, '')}/${fileName}`;
  const client = new Client(options.timeoutMs);
  const started = Date.now();
  let uploading = false;
  try {
    await client.access({
      host: server.host, port: server.port, user: method.ftp.user || 'anonymous', password, secure: server.scheme === 'ftps',
    });
    if (dir && dir !== '/') await client.ensureDir(dir);
    uploading = true;
    const res = await client.uploadFrom(Readable.from([Buffer.from(content, 'utf8')]), fileName);
    return {
      outcome: 'sold', message: `uploaded ${remote} (${res.code})`, requestUrl: `${requestUrl}${remote}`, requestBody: content,
      responseStatus: res.code, responseBody: res.message, durationMs: Date.now() - started,
    };
  } catch (err) {
    const e = err as { code?: string | number; message?: string };
    const code = typeof e.code === 'number' ? e.code : undefined;
    const notConnected = typeof e.code === 'string' && NOT_CONNECTED.has(e.code);
    const refused = !uploading || (code !== undefined && code >= 400);
    return {
      outcome: refused ? 'failed' : 'ambiguous',
      message: refused ? `FTP server did not take the file (${e.code ?? ''} ${e.message ?? ''})`.trim() : `FTP upload interrupted (${e.message ?? 'UNKNOWN'}); not re-sent`,
      requestUrl: `${requestUrl}${remote}`, requestBody: content, responseStatus: code ?? null, responseBody: e.message ?? null, durationMs: Date.now() - started,
      retryable: notConnected,
    };
  } finally {
    client.close();
  }
}
