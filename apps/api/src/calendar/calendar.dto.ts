import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CalendarDayKind,
  CalendarDayOrigin,
  type CalendarDay,
  type CalendarYear,
  type CalendarYearDay,
  type OfficialDay,
} from '@mla/calendar';
import { IsLocalDate } from '../common/patterns';

export class CalendarDayRequest {
  @ApiProperty({ example: '2027-10-01' })
  @IsString()
  @IsLocalDate()
  date: string;

  @ApiProperty({ enum: CalendarDayKind, description: 'HOLIDAY: no work; WORKDAY: a weekend day worked (调休上班)' })
  @IsEnum(CalendarDayKind)
  kind: CalendarDayKind;

  @ApiProperty({ example: '国庆节', description: 'The holiday the day belongs to' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;
}

export class AddCalendarDaysRequest {
  @ApiProperty({ example: '国办发明电〔2026〕7号', description: 'The notice the days come from' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;

  @ApiProperty({
    type: [CalendarDayRequest],
    description:
      'The days of the notice: every holiday (weekend days inside a holiday period too) and make-up working day',
  })
  @ValidateNested({ each: true })
  @Type(() => CalendarDayRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(366)
  days: CalendarDayRequest[];
}

export class DeadlineQuery {
  @ApiProperty({ example: '2025-09-20', description: 'The day counting starts after' })
  @IsString()
  @IsLocalDate()
  from: string;

  @ApiProperty({ example: 10, minimum: 0, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  workingDays: number;
}

export class DeadlineResponse {
  @ApiProperty({ example: '2025-09-20' }) from: string;
  @ApiProperty({ example: 10 }) workingDays: number;
  @ApiProperty({ example: '2025-10-10', description: 'The date that many working days after from' }) date: string;
}

export class OfficialDayResponse {
  @ApiProperty({ example: '2025-10-01' }) date: string;
  @ApiProperty({ enum: CalendarDayKind }) kind: CalendarDayKind;
  @ApiProperty({ example: '国庆节' }) name: string;
  @ApiProperty({ enum: CalendarDayOrigin }) origin: CalendarDayOrigin;

  static from(d: OfficialDay): OfficialDayResponse {
    return { date: d.date, kind: d.kind, name: d.name, origin: d.origin };
  }
}

export class CalendarYearDayResponse extends OfficialDayResponse {
  @ApiProperty({ nullable: true, type: String, description: 'The notice (table entries)' }) source: string | null;
  @ApiProperty({ nullable: true, type: String }) createdByUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ nullable: true, type: OfficialDayResponse, description: 'The package entry a table entry replaces' })
  replaces: OfficialDayResponse | null;

  static fromDay(d: CalendarYearDay): CalendarYearDayResponse {
    return {
      ...OfficialDayResponse.from(d),
      source: d.source,
      createdByUserId: d.createdByUserId,
      createdAt: d.createdAt?.toISOString() ?? null,
      replaces: d.replaces ? OfficialDayResponse.from(d.replaces) : null,
    };
  }
}

export class CalendarYearResponse {
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ description: 'The bundled calendar package carries this year' }) coveredByPackage: boolean;
  @ApiProperty({ description: 'The calendar table has entries in this year' }) coveredByTable: boolean;
  @ApiProperty({ description: 'Deadlines reaching into this year can be counted (else CALENDAR_YEAR_UNKNOWN)' })
  known: boolean;
  @ApiProperty({ type: [CalendarYearDayResponse], description: 'Holidays and make-up working days, by date' })
  days: CalendarYearDayResponse[];

  static from(y: CalendarYear): CalendarYearResponse {
    return { ...y, days: y.days.map((d) => CalendarYearDayResponse.fromDay(d)) };
  }
}

export class CalendarDayResponse {
  @ApiProperty({ example: '2027-10-01' }) date: string;
  @ApiProperty({ enum: CalendarDayKind }) kind: CalendarDayKind;
  @ApiProperty() name: string;
  @ApiProperty() source: string;
  @ApiProperty() createdByUserId: string;
  @ApiProperty() createdAt: string;

  static from(d: CalendarDay): CalendarDayResponse {
    return {
      date: d.date,
      kind: d.kind,
      name: d.name,
      source: d.source,
      createdByUserId: d.createdByUserId,
      createdAt: d.createdAt.toISOString(),
    };
  }
}
