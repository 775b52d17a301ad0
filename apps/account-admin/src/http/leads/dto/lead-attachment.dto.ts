import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Seed 003 "Upload Attachment" body. */
export class LeadAttachmentDto {
  @ApiProperty({ example: 'consent.pdf', description: 'File name with extension (stored as given)' })
  @IsString() @IsNotEmpty() @MaxLength(255)
  FileName!: string;

  @ApiProperty({ example: 'Signed consent form' })
  @IsString() @MaxLength(2000)
  Description!: string;

  @ApiProperty({ example: 'JVBERi0xLjQK', description: 'The file, base64 (LEAD_ATTACHMENT_MAX_BYTES decoded at most)' })
  @IsString() @IsNotEmpty()
  Base64Data!: string;
}
