import { Controller, Delete, Get, HttpCode, Patch, Post, Put, Type } from '@nestjs/common';
import { DelegatedRoute, DelegateService, DELEGATED_ACCOUNT_ROUTES } from '@leadx/contracts';

const MAPPERS = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

export interface NotYetServedBody {
  StatusCode: 501;
  Error: 'Not Implemented';
  Message: string;
}

/**
 * A controller answering 501 with a clear message on the delegated Account API routes a service
 * owns but does not serve yet, instead of a bare 404 that would read as "wrong path". Routes a
 * service has implemented are removed from `pending` by the service itself.
 */
export function notYetServedController(service: DelegateService, pending: (route: DelegatedRoute) => boolean = () => true): Type<unknown> {
  class NotYetServedController {}
  const routes = DELEGATED_ACCOUNT_ROUTES.filter((r) => r.service === service && pending(r));
  routes.forEach((route, i) => {
    const key = `route${i}`;
    const handler = (): NotYetServedBody => ({
      StatusCode: 501,
      Error: 'Not Implemented',
      Message: `${route.method} ${route.path} is owned by the ${service} service and not served yet`,
    });
    Object.defineProperty(NotYetServedController.prototype, key, { value: handler, writable: true });
    const descriptor = Object.getOwnPropertyDescriptor(NotYetServedController.prototype, key) as PropertyDescriptor;
    MAPPERS[route.method](route.path)(NotYetServedController.prototype, key, descriptor);
    HttpCode(501)(NotYetServedController.prototype, key, descriptor);
  });
  Controller()(NotYetServedController);
  return NotYetServedController;
}
