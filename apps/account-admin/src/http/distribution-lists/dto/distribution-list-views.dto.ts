import { ApiProperty } from '@nestjs/swagger';
import { DistributionListItemView, DistributionListView } from '@leadx/accounts-data-access';

// Answer shapes, for OpenAPI only (the service builds the values).

export class DistributionListItemViewDto implements DistributionListItemView {
  @ApiProperty({ example: 501 }) CustomListItemUID!: number;
  @ApiProperty({ example: 9 }) CustomListUID!: number;
  @ApiProperty({ example: 'Beverly Hills' }) Description!: string;
  @ApiProperty({ example: 'west' }) Tag1!: string;
  @ApiProperty({ example: '' }) Tag2!: string;
  @ApiProperty({ example: '90210' }) Value!: string;
  @ApiProperty({ example: 0, description: 'The client of a single assignment; 0 when several or none' }) AssignedClient!: number;
  @ApiProperty({ example: '12|15', description: 'Every assigned client, pipe-delimited, in id order' }) AssignedClients!: string;
  @ApiProperty({ example: 'Acme, Zenith', description: 'Names of the assigned clients, comma-separated in the same order' }) AssignedName!: string;
}

export class DistributionListViewDto implements DistributionListView {
  @ApiProperty({ example: 9 }) CustomListUID!: number;
  @ApiProperty({ example: 1 }) AccountUID!: number;
  @ApiProperty({ example: 3 }) LeadTypeUID!: number;
  @ApiProperty({ example: 41 }) LeadFieldUID!: number;
  @ApiProperty({ example: 'Zip territories' }) Description!: string;
  @ApiProperty({ example: 'ZipCode' }) FieldName!: string;
  @ApiProperty({ example: 12 }) DefaultClient!: number;
  @ApiProperty({ example: 'Acme' }) ClientName!: string;
  @ApiProperty({ example: 1, description: 'Items with at least one assignment' }) Assigned!: number;
  @ApiProperty({ example: 0, description: 'Items without assignment' }) Unassigned!: number;
  @ApiProperty({ example: 1, description: '1 = Active, 0 = Inactive' }) Status!: number;
  @ApiProperty({ example: 0 }) DependField!: number;
  @ApiProperty({ example: '' }) Value!: string;
  @ApiProperty({ example: '' }) LinkFieldText!: string;
  @ApiProperty({ type: [DistributionListItemViewDto] }) Items!: DistributionListItemViewDto[];
}
