import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { Region } from '@mla/auth';
import { PageQueryDto } from '../common/page-query.dto';
import { REGION_CODE } from '../common/patterns';

export class CreateRegionRequest {
  @ApiProperty({ example: '150221', description: '6 (province/city/county), 9 (township) or 12 (village) digits' })
  @Matches(REGION_CODE, { message: 'code must be a 6, 9 or 12 digit administrative division code' })
  code: string;

  @ApiProperty({ example: '土默特右旗' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class ListRegionsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this region and the regions inside it' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'within must be a 6, 9 or 12 digit administrative division code' })
  within?: string;
}

export class RegionResponse {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['province', 'city', 'county', 'township', 'village'] }) level: string;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;

  static from(r: Region): RegionResponse {
    return { code: r.code, name: r.name, level: r.level, parentCode: r.parentCode };
  }
}

export class RegionPage {
  @ApiProperty({ type: [RegionResponse] }) items: RegionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
