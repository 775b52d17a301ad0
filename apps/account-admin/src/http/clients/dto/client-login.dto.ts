import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ClientLoginDto {
  @ApiProperty({ example: 'acme-portal' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  Username!: string;

  @ApiProperty({ example: 'correct horse battery staple', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  Password!: string;
}
