import { IsBoolean, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';

/** The receiver stored a valid lead; compliance screens it next. */
export class LeadAcceptedV1 {
  declare readonly __topic: 'intake.lead.accepted.v1';

  @IsInt() @Min(1) leadId!: number;
  @IsUUID() leadUid!: string;
  @IsInt() @Min(1) leadSourceId!: number;
  @IsInt() @Min(1) campaignId!: number;
  @IsInt() @Min(1) leadTypeId!: number;
  @IsObject() fields!: Record<string, string>;
  @IsNumber() @Min(0) sendDelayHours!: number;
  @IsBoolean() noSell!: boolean;
  @IsBoolean() pendingReview!: boolean;
  @IsNumber() price!: number;
  @IsISO8601() receivedAt!: string;
  @IsOptional() @IsString() reference?: string;

  static of(props: Omit<LeadAcceptedV1, '__topic'>): LeadAcceptedV1 {
    return Object.assign(new LeadAcceptedV1(), props);
  }
}

