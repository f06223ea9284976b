import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EmploymentStatus, HouseholdType, PiiField, type Applicant } from '@mla/applicants';
import { Money } from '@mla/core';
import { PageQueryDto } from '../common/page-query.dto';
import { REGION_CODE, YUAN } from '../common/patterns';

export class DeclaredLoanDto {
  @ApiProperty({ enum: ['APPLICANT', 'SPOUSE'] })
  @IsIn(['APPLICANT', 'SPOUSE'])
  holder: 'APPLICANT' | 'SPOUSE';

  @ApiProperty({
    example: 'HOUSING',
    description: 'STUDENT, POVERTY_RELIEF, HOUSING, CAR, SMALL_CONSUMER, BUSINESS, OTHER',
  })
  @IsString()
  @MaxLength(40)
  kind: string;

  @ApiProperty({ example: '120000.00' })
  @Matches(YUAN, { message: 'outstandingYuan must be an amount in yuan with at most two decimals' })
  outstandingYuan: string;
}

export class ApplicantRequestBase {
  @ApiProperty({ example: '王秀英' }) @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiProperty({ example: '13800138000' }) @IsString() @MaxLength(20) mobile: string;
  @ApiProperty({ example: '150221100201', description: 'Region code down to the village where known' })
  @Matches(REGION_CODE, { message: 'regionCode must be a 6, 9 or 12 digit administrative division code' })
  regionCode: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) addressDetail?: string;
  @ApiProperty({ enum: HouseholdType }) @IsEnum(HouseholdType) householdType: HouseholdType;
  @ApiPropertyOptional({ example: 'RURAL_SELF_EMPLOYED' }) @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  subFlags?: string[];
  @ApiPropertyOptional({ description: "Defaults to the ID's sex digit" }) @IsOptional() @IsBoolean() female?: boolean;
  @ApiProperty({ example: 'GREENHOUSE_VEGETABLES' }) @IsString() @IsNotEmpty() @MaxLength(40) businessKind: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) businessDescription?: string;
  @ApiPropertyOptional({ example: '91350100M000100Y43' }) @IsOptional() @IsString() @MaxLength(18) creditCode?: string;
  @ApiPropertyOptional({ description: 'Why a code failing its check character is real (audited)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  creditCodeOverrideReason?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1200) monthsOperating?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) jobsCreated?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(18) spouseIdNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) bankAccount?: string;
  @ApiProperty({ enum: EmploymentStatus }) @IsEnum(EmploymentStatus) employmentStatus: EmploymentStatus;
  @ApiPropertyOptional({ description: 'Programme loans before this system' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  priorProgrammeLoans?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() priorLoanOutstanding?: boolean;
  @ApiPropertyOptional({ type: [DeclaredLoanDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DeclaredLoanDto)
  otherLoans?: DeclaredLoanDto[];
}

export class RegisterApplicantRequest extends ApplicantRequestBase {
  @ApiProperty({ example: '11010519491231002X' }) @IsString() @MaxLength(18) idNumber: string;
}

export class UpdateApplicantRequest extends ApplicantRequestBase {}

export class UnmaskRequest {
  @ApiProperty({ enum: PiiField }) @IsEnum(PiiField) field: PiiField;
  @ApiProperty({ example: '核对放款账户' }) @IsString() @MinLength(4) @MaxLength(200) reason: string;
}

export class ListApplicantsQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^\d{2,12}$/) regionCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) name?: string;
  @ApiPropertyOptional({ description: 'Exact ID number (matched by keyed hash)' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  idNumber?: string;
  @ApiPropertyOptional({ description: 'Exact mobile (matched by keyed hash)' })
  @IsOptional()
  @Matches(/^1[3-9]\d{9}$/)
  mobile?: string;
}

/** Personal data is masked here always; `POST /applicants/:id/unmask` shows one field with a reason. */
export class ApplicantResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '110105********002X' }) idNumber: string;
  @ApiProperty() birthDate: string;
  @ApiProperty({ enum: ['F', 'M'] }) sex: string;
  @ApiProperty() female: boolean;
  @ApiProperty({ example: '138****8000' }) mobile: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) addressDetail: string | null;
  @ApiProperty() householdType: string;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty({ type: [String] }) subFlags: string[];
  @ApiProperty() businessKind: string;
  @ApiProperty({ nullable: true, type: String }) businessDescription: string | null;
  @ApiProperty({ nullable: true, type: String }) creditCode: string | null;
  @ApiProperty({ nullable: true, type: String }) creditCodeOverrideReason: string | null;
  @ApiProperty() monthsOperating: number;
  @ApiProperty() jobsCreated: number;
  @ApiProperty({ nullable: true, type: String }) spouseIdNumber: string | null;
  @ApiProperty({ nullable: true, type: String, example: '6228 **** **** 0018' }) bankAccount: string | null;
  @ApiProperty() employmentStatus: string;
  @ApiProperty() priorProgrammeLoans: number;
  @ApiProperty() priorLoanOutstanding: boolean;
  @ApiProperty({ type: [DeclaredLoanDto] }) otherLoans: DeclaredLoanDto[];
  @ApiProperty() organisationId: string;
  @ApiProperty() createdAt: string;

  static from(a: Applicant): ApplicantResponse {
    return {
      id: a.id,
      name: a.name,
      idNumber: a.idNumberMasked,
      birthDate: a.birthDate,
      sex: a.sex,
      female: a.female,
      mobile: a.mobileMasked,
      regionCode: a.regionCode,
      addressDetail: a.addressDetail,
      householdType: a.householdType,
      category: a.category,
      subFlags: a.subFlags,
      businessKind: a.businessKind,
      businessDescription: a.businessDescription,
      creditCode: a.creditCode,
      creditCodeOverrideReason: a.creditCodeOverrideReason,
      monthsOperating: a.monthsOperating,
      jobsCreated: a.jobsCreated,
      spouseIdNumber: a.spouseIdNumberMasked,
      bankAccount: a.bankAccountMasked,
      employmentStatus: a.employmentStatus,
      priorProgrammeLoans: a.priorProgrammeLoans,
      priorLoanOutstanding: a.priorLoanOutstanding,
      otherLoans: a.otherLoans.map((l) => ({
        holder: l.holder,
        kind: l.kind,
        outstandingYuan: Money.ofFen(l.outstandingFen).toYuanString(),
      })),
      organisationId: a.organisationId,
      createdAt: new Date(a.createdAt).toISOString(),
    };
  }
}

export class RegisterApplicantResponse {
  @ApiProperty({ type: ApplicantResponse }) applicant: ApplicantResponse;
  @ApiProperty({ description: 'Warnings to check, e.g. SEX_DIGIT_MALE', isArray: true, type: Object })
  warnings: object[];
}

export class ApplicantPage {
  @ApiProperty({ type: [ApplicantResponse] }) items: ApplicantResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class UnmaskResponse {
  @ApiProperty({ enum: PiiField }) field: PiiField;
  @ApiProperty() value: string;
}
