import { EndpointKind, WireError } from '@leadx/intake-domain';

/** An error the receiver answers in the seed's result shape, in the caller's format. */
export class ReceiverHttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: WireError,
    readonly kind?: EndpointKind,
  ) {
    super(error.message);
    this.name = 'ReceiverHttpError';
  }
}
