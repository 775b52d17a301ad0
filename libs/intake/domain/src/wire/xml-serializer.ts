import { firstForbiddenChar } from './body';
import { decimalNumber, formatDate, lowerBool, plainNumber, titleBool } from './format';
import {
  DuplicateCheckResponse,
  LeadOutcome,
  LeadStatusResponse,
  Offer,
  PingResponse,
  ReceiverResult,
  Send,
  TransferClient,
  WireDate,
} from './response-models';

/** Namespaces of the seed's XML responses (DataContract serialisation of the LeadExec models). */
export const XML_NAMESPACES = Object.freeze({
  i: 'http://www.w3.org/2001/XMLSchema-instance',
  models: 'http://schemas.datacontract.org/2004/07/LeadExec.LeadReceiver.API.Models',
  d2p1: 'http://schemas.datacontract.org/2004/07/LeadImportService.Core.Classes',
});

export interface ToXmlOptions {
  /** Indent with 4 spaces and break lines as the seed's examples do (default true). */
  pretty?: boolean;
}

/** The XML body of a result, element names, order, namespaces and value formats as in the seed. */
export function toXml(result: ReceiverResult, options: ToXmlOptions = {}): string {
  const lines: string[] = [];
  render(rootNode(result), 0, lines, options.pretty !== false);
  return lines.join(options.pretty === false ? '' : '\n');
}

// ---- a minimal element tree ---------------------------------------------------------------------

interface XNode {
  name: string;
  attrs?: Array<[string, string]>;
  /** Text content; null writes `i:nil="true"`. */
  text?: string | null;
  children?: XNode[];
  /** Write an empty text element as `<X />` instead of `<X></X>` (the seed's `<RedirectURL />`). */
  selfClosingWhenEmpty?: boolean;
}

const leaf = (name: string, text: string | null): XNode => ({ name, text: text === null ? null : String(text ?? '') });
const parent = (name: string, children: XNode[], attrs?: Array<[string, string]>): XNode => ({ name, children, attrs });

function render(node: XNode, depth: number, out: string[], pretty: boolean): void {
  const pad = pretty ? '    '.repeat(depth) : '';
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
  if (node.children) {
    if (node.children.length === 0) {
      out.push(`${pad}<${node.name}${attrs} />`);
      return;
    }
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) render(child, depth + 1, out, pretty);
    out.push(`${pad}</${node.name}>`);
  } else if (node.text === null || node.text === undefined) {
    out.push(`${pad}<${node.name}${attrs} i:nil="true" />`);
  } else if (node.text === '' && node.selfClosingWhenEmpty) {
    out.push(`${pad}<${node.name}${attrs} />`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>`);
  }
}

/** Replaces characters XML 1.0 cannot carry at all (not even as references) with U+FFFD. */
function xmlChars(s: string): string {
  let at = firstForbiddenChar(s, true);
  if (at < 0) return s;
  let out = '';
  let from = 0;
  while (at >= 0) {
    out += `${s.slice(from, at)}\uFFFD`;
    from = at + 1;
    at = firstForbiddenChar(s, true, from);
  }
  return out + s.slice(from);
}

/** Escapes text content; `\r` is written as a reference so it survives parsing. */
export function escapeText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

export function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}

// ---- results --------------------------------------------------------------------------------------

function rootNode(result: ReceiverResult): XNode {
  const rootAttrs: Array<[string, string]> = [
    ['xmlns:i', XML_NAMESPACES.i],
    ['xmlns', XML_NAMESPACES.models],
  ];
  if (result.kind === 'AcceptOfferResult') {
    return parent(result.kind, [leaf('Success', lowerBool(result.success)), leaf('Message', result.message)], rootAttrs);
  }
  const items = ((): XNode[] => {
    switch (result.kind) {
      case 'LeadReceiverResult':
        return result.results.map((r) => parent('d2p1:PostResponse', [...outcome(r), ...offers(r.offers)]));
      case 'SendsReceiverResult':
        return result.results.map((r) => parent('d2p1:SendResponse', [...outcome(r), parent('Sends', r.sends.map(send))]));
      case 'TransferReceiverResult':
        return result.results.map((r) => parent('d2p1:PostTransferResponse', [...outcome(r), parent('Sends', r.client.map(transferSend))]));
      case 'PingReceiverResult':
        return result.results.map(ping);
      case 'DuplicateCheckResult':
        return result.results.map(duplicate);
      case 'LeadStatusResult':
        return result.results.map(status);
    }
  })();
  return parent(
    result.kind,
    [leaf('RequestId', result.requestId), parent('Results', items, [['xmlns:d2p1', XML_NAMESPACES.d2p1]])],
    rootAttrs,
  );
}

function outcome(r: LeadOutcome): XNode[] {
  return [
    leaf('IsValid', lowerBool(r.isValid)),
    leaf('ResponseType', r.responseType),
    leaf('ResponseMessage', r.responseMessage),
    leaf('LeadIdentifier', plainNumber(r.leadId)),
    leaf('CampaignIdentifier', plainNumber(r.campaignId)),
    leaf('IsPendingReview', lowerBool(r.isPendingReview)),
    leaf('Price', plainNumber(r.price)),
  ];
}

function offers(list: Offer[] | undefined): XNode[] {
  return list === undefined ? [] : [parent('Offers', list.map(offer))];
}

function offer(o: Offer): XNode {
  return parent('Offer', [
    leaf('Id', o.offerId),
    leaf('CompanyName', o.companyName),
    leaf('CompanyPhoneNumber', o.companyPhoneNumber),
    leaf('Name', o.name),
    leaf('Description', o.description),
    leaf('Type', o.type),
    leaf('Price', decimalNumber(o.price)),
    leaf('Url', o.url),
    parent('TCPAInformation', [
      leaf('CustomTCPATextRequired', titleBool(o.tcpaInformation.customTCPATextRequired)),
      leaf('TCPAText', o.tcpaInformation.tcpaText),
      leaf('PrivacyUrl', o.tcpaInformation.privacyURL),
      leaf('TermsUrl', o.tcpaInformation.termsURL),
    ]),
  ]);
}

function sendNodes(s: Send): XNode[] {
  return [
    leaf('ClientUID', plainNumber(s.clientId)),
    leaf('ClientName', s.clientName),
    { name: 'RedirectURL', text: s.redirectURL, selfClosingWhenEmpty: true },
    leaf('Valid', lowerBool(s.valid)),
    leaf('Price', decimalNumber(s.price)),
  ];
}

function send(s: Send): XNode {
  return parent('Send', sendNodes(s));
}

/** The seed's transfer XML shows `Sends/Send`; the agent (the point of a transfer) follows the seed's members. */
function transferSend(c: TransferClient): XNode {
  const base = sendNodes({ clientId: c.clientId, clientName: c.clientName, redirectURL: c.redirectURL ?? '', valid: c.valid ?? true, price: c.price ?? 0 });
  return parent('Send', [...base, leaf('AgentName', c.agentName), leaf('AgentPhone', c.agentPhone)]);
}

function date(name: string, d: WireDate, milliseconds: boolean): XNode {
  return leaf(name, formatDate(d, milliseconds));
}

function ping(r: PingResponse): XNode {
  return parent('d2p1:PingResponse', [
    leaf('WillAccept', lowerBool(r.willAccept)),
    leaf('OrderID', r.orderId),
    date('OrderExpiresOn', r.orderExpiresOn, false),
    leaf('CampaignID', plainNumber(r.campaignId)),
    leaf('EstimatedPayout', decimalNumber(r.estimatedPayout)),
    leaf('Response', r.response),
    ...offers(r.offers),
  ]);
}

function duplicate(r: DuplicateCheckResponse): XNode {
  return parent('d2p1:DupResponse', [
    leaf('Success', lowerBool(r.success)),
    leaf('IsDuplicate', lowerBool(r.isDuplicate)),
    leaf('DuplicateLeadId', plainNumber(r.duplicateLeadId)),
    date('ReceivedOn', r.receivedOn, false),
    leaf('Response', r.response),
  ]);
}

function status(r: LeadStatusResponse): XNode {
  return parent('d2p1:StatusResponse', [
    leaf('LeadIdentifier', plainNumber(r.leadId)),
    leaf('IsValid', lowerBool(r.isValid)),
    leaf('RejectionReason', r.rejectionReason),
    leaf('CampaignIdentifier', plainNumber(r.campaignId)),
    date('DateReceived', r.dateReceived, true),
    parent('QualityControlDetails', [
      leaf('IsPendingReview', lowerBool(r.qualityControlDetails.isPendingReview)),
      date('DateOfReview', r.qualityControlDetails.dateOfReview, true),
      leaf('IsQualityControlRejected', lowerBool(r.qualityControlDetails.isQualityControlRejected)),
      leaf('RejectionReason', r.qualityControlDetails.rejectionReason),
    ]),
    parent('ReturnDetails', [
      leaf('IsReturned', lowerBool(r.returnDetails.isReturned)),
      date('DateOfReturn', r.returnDetails.dateOfReturn, true),
      leaf('ReturnReason', r.returnDetails.returnReason),
    ]),
  ]);
}
