import { IsIn, IsInt, IsNumber, IsUUID, Min } from 'class-validator';

export const LEAD_DISPOSITIONS = ['sold', 'unsold', 'rejected', 'not_sold_no_sell'] as const;
export type LeadDisposition = (typeof LEAD_DISPOSITIONS)[number];

/** A lead reached its terminal state in distribution. */
export class LeadDistributedV1 {
  declare readonly __topic: 'distribution.lead.completed.v1';

  @IsInt() @Min(1) leadId!: number;
  @IsUUID() leadUid!: string;
  @IsIn(LEAD_DISPOSITIONS) disposition!: LeadDisposition;
  @IsInt() @Min(0) sales!: number;
  @IsNumber() revenue!: number;

  static of(props: Omit<LeadDistributedV1, '__topic'>): LeadDistributedV1 {
    return Object.assign(new LeadDistributedV1(), props);
  }
}
