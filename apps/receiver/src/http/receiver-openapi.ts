import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Examples taken from seed 002 (Lead Receiver API v2). */
export const INSERT_GENERAL_JSON_EXAMPLE = {
  source: { vid: 1, aid: 1, lid: 1, sendDelay: 0.0, returnURL: '' },
  leads: [
    {
      properties: { reference: 'my-ref-1', noSell: false },
      fields: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', PrimaryPhone: '5125550100', State: 'TX', Zip: '73301' },
    },
  ],
};

export const INSERT_GENERAL_XML_EXAMPLE = `<Leads vid="1" lid="1" aid="1">
<Lead reference="my-ref-1">
<FirstName>Ada</FirstName><LastName>Lovelace</LastName><Email>ada@example.com</Email><State>TX</State>
</Lead>
</Leads>`;

export const LEAD_RECEIVER_RESULT_EXAMPLE = {
  requestId: '929f4d31-5576-49b5-ae9b-606d94a475e2',
  results: [
    { isValid: true, responseType: 'No_Error', responseMessage: 'Lead was accepted', leadId: 123456789, campaignId: 1, isPendingReview: false, price: 12.5 },
  ],
};

/** Serves the Lead Receiver's OpenAPI document at /docs (UI) and /docs-json. */
export function setUpReceiverOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('LeadX Lead Receiver API v2')
    .setDescription(
      [
        'The lead-source API, compatible with LeadExec Lead Receiver v2 (seed 002). Every endpoint with a body',
        'accepts application/json or application/xml (Content-Type) and answers in the format of the Accept header',
        '(default: the request format). URL-encoded bodies are refused (415). Business outcomes (accepted, invalid,',
        'duplicate, over max...) answer 200 with isValid and responseType per lead; a malformed request answers 400,',
        'an unknown api-key 401, an oversized body 413, a reused Idempotency-Key 422, endpoints not served yet 501,',
        'and a temporary failure 503 (retry). Send an Idempotency-Key header to make retries safe.',
      ].join(' '),
    )
    .setVersion('2')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'api-key' }, 'api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
