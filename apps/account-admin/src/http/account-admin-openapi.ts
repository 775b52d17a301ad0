import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function accountApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('LeadX Account API v1')
    .setDescription(
      [
        'The operators\' configuration API, compatible with LeadExec Account API v1 (seed 003): same paths, PascalCase',
        'fields, enumerations (by name, or by number where the seed shows numbers; answered by name), "send 0 to create",',
        'Skip/Take paging (Take above 100 is clamped to 100; the response says what was applied). Get a token from',
        'POST /v1/authorization/token and send it as `Authorization: Bearer <token>`. Errors answer',
        '`{StatusCode, Error, Message, Errors?}`; unknown properties are refused (400 naming the field).',
        'Tags starting with "Extension" are endpoints the seed does not define.',
      ].join(' '),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer' }, 'bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the Account API's OpenAPI document at /docs (UI) and /docs-json. */
export function setUpAccountApiOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, accountApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
