import { IsArray, IsIn, IsInt, IsObject, IsString, IsUUID, Min } from 'class-validator';

export const SCREENING_VERDICTS = ['passed', 'flagged', 'rejected', 'review'] as const;
export type ScreeningVerdict = (typeof SCREENING_VERDICTS)[number];

/** Compliance screened a lead. Only `passed` and `flagged` leads go on to distribution. */
export class LeadScreenedV1 {
  declare readonly __topic: 'compliance.lead.screened.v1';

  @IsInt() @Min(1) leadId!: number;
  @IsUUID() leadUid!: string;
  @IsInt() @Min(1) campaignId!: number;
  @IsInt() @Min(1) leadTypeId!: number;
  @IsIn(SCREENING_VERDICTS) verdict!: ScreeningVerdict;
  @IsArray() @IsString({ each: true }) reasons!: string[];
  @IsObject() fields!: Record<string, string>;

  static of(props: Omit<LeadScreenedV1, '__topic'>): LeadScreenedV1 {
    return Object.assign(new LeadScreenedV1(), props);
  }
}
