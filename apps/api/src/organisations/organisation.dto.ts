import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ORGANISATION_KINDS, OrganisationKind, type Organisation } from '@mla/auth';
import { PageQueryDto } from '../common/page-query.dto';
import { REGION_CODE } from '../common/patterns';

export class CreateOrganisationRequest {
  @ApiProperty({ example: '某某县妇女联合会' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: OrganisationKind })
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @ApiProperty({ example: '150221', description: 'Administrative division code (6, 9 or 12 digits)' })
  @Matches(REGION_CODE, { message: 'regionCode must be a 6, 9 or 12 digit administrative division code' })
  regionCode: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Head office of a branch' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class UpdateOrganisationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'INACTIVE'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'INACTIVE'])
  status?: 'ACTIVE' | 'INACTIVE';
}

export class ListOrganisationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: OrganisationKind })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ description: 'Only organisations within this region (code prefix)' })
  @IsOptional()
  @Matches(/^\d{2,12}$/, { message: 'regionCode must be digits' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: ['ACTIVE', 'INACTIVE'] })
  @IsOptional()
  @IsIn(['ACTIVE', 'INACTIVE'])
  status?: string;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OrganisationKind }) kind: OrganisationKind;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ enum: ['ACTIVE', 'INACTIVE'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(o: Organisation): OrganisationResponse {
    return {
      id: o.id,
      name: o.name,
      kind: o.kind,
      regionCode: o.regionCode,
      parentId: o.parentId,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    };
  }
}

export class OrganisationPage {
  @ApiProperty({ type: [OrganisationResponse] }) items: OrganisationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
