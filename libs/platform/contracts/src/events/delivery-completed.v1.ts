import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Min } from 'class-validator';

export const DELIVERY_OUTCOMES = ['sold', 'rejected', 'failed', 'ambiguous'] as const;
/**
 * sold: the buyer accepted. rejected: the buyer answered and declined. failed: the buyer certainly
 * did not take the lead (e.g. connection refused). ambiguous: the request may have reached the buyer
 * (timeout after sending); never re-sent automatically.
 */
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** The delivery worker finished a delivery attempt to one account. */
export class DeliveryCompletedV1 {
  declare readonly __topic: 'delivery.attempt.completed.v1';

  @IsInt() @Min(1) leadId!: number;
  @IsUUID() leadUid!: string;
  @IsInt() @Min(1) deliveryAccountId!: number;
  @IsInt() @Min(1) assignmentId!: number;
  @IsInt() @Min(1) sendId!: number;
  @IsIn(DELIVERY_OUTCOMES) outcome!: DeliveryOutcome;
  @IsNumber() price!: number;
  @IsOptional() @IsString() message?: string;

  static of(props: Omit<DeliveryCompletedV1, '__topic'>): DeliveryCompletedV1 {
    return Object.assign(new DeliveryCompletedV1(), props);
  }
}
