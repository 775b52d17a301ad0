import { IsInt, IsNumber, IsUUID, Min } from 'class-validator';

/** The scanner reserved a delivery account for a lead; the delivery worker sends it. */
export class DeliveryRequestedV1 {
  declare readonly __topic: 'distribution.delivery.requested.v1';

  @IsInt() @Min(1) leadId!: number;
  @IsUUID() leadUid!: string;
  @IsInt() @Min(1) deliveryAccountId!: number;
  @IsInt() @Min(1) clientId!: number;
  /** The scanner's assignment row; unique per (lead, delivery account). */
  @IsInt() @Min(1) assignmentId!: number;
  @IsNumber() price!: number;

  static of(props: Omit<DeliveryRequestedV1, '__topic'>): DeliveryRequestedV1 {
    return Object.assign(new DeliveryRequestedV1(), props);
  }
}
