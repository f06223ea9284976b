import { ApiProperty } from '@nestjs/swagger';
import { ENUM_LIST_NAMES } from './enum-lists';

export class EnumValueResponse {
  @ApiProperty({ example: 'OVERDUE', description: 'The value the API takes and returns' })
  value: string;

  @ApiProperty({ example: '逾期', description: 'What users read, in the negotiated language' })
  label: string;
}

export class EnumListResponse {
  @ApiProperty({ enum: ENUM_LIST_NAMES, enumName: 'EnumListName', example: 'LoanStatus' })
  name: string;

  @ApiProperty({ type: [EnumValueResponse] })
  values: EnumValueResponse[];
}

export class ErrorCodeMessageResponse {
  @ApiProperty({ example: 'CONTRACT_NUMBER_TAKEN' })
  code: string;

  @ApiProperty({
    example: '合同编号{contractNumber}已被使用',
    description: 'The fullest template, in the negotiated language; `{name}` is filled from the error’s details.name',
  })
  template: string;

  @ApiProperty({
    type: [String],
    example: ['合同编号已被使用'],
    description: 'What is shown instead, in order, when the details lack a value; the last needs none',
  })
  fallbacks: string[];
}
