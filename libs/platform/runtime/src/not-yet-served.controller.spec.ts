import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DELEGATED_ACCOUNT_ROUTES } from '@leadx/contracts';
import { notYetServedController } from './not-yet-served.controller';

describe('notYetServedController', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [notYetServedController('delivery-worker', (r) => r.method !== 'GET')] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app?.close());

  it("answers 501 naming the route on each of the service's pending delegated routes", async () => {
    const pending = DELEGATED_ACCOUNT_ROUTES.filter((r) => r.service === 'delivery-worker' && r.method !== 'GET');
    expect(pending.length).toBeGreaterThan(0);
    for (const route of pending) {
      const res = await fetch(`${url}${route.path.replace(/:\w+/g, '7')}`, { method: route.method });
      expect(res.status).toBe(501);
      expect(await res.json()).toEqual({ StatusCode: 501, Error: 'Not Implemented', Message: `${route.method} ${route.path} is owned by the delivery-worker service and not served yet` });
    }
  });

  it('leaves out the routes the service serves itself and those of other services', async () => {
    expect((await fetch(`${url}/v1/delivery/sends/7`)).status).toBe(404);
    expect((await fetch(`${url}/v1/delivery/autosend`, { method: 'POST' })).status).toBe(404);
  });
});
