import { NotFoundException } from '@nestjs/common';

/** 404 with a message that names what was not found, e.g. `client 42 not found`. */
export function notFound(what: string, id: string | number): NotFoundException {
  return new NotFoundException(`${what} ${id} not found`);
}
