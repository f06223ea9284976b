import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@mla/auth';
import { CalendarAdminService } from '@mla/calendar';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  AddCalendarDaysRequest,
  CalendarDayResponse,
  CalendarYearResponse,
  DeadlineQuery,
  DeadlineResponse,
} from './calendar.dto';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly admin: CalendarAdminService) {}

  @Get('years/:year')
  @ApiOperation({
    summary: 'A year of the working calendar',
    description:
      'The statutory holidays and make-up working days (调休) of a year as deadlines in working days count them: the ' +
      'bundled calendar package’s days and the administrators’ table entries (which win, with the package entry ' +
      'they replace), and whether the year is known at all (coveredByPackage, coveredByTable, known). A deadline ' +
      'reaching into an unknown year is refused with CALENDAR_YEAR_UNKNOWN. Anyone signed in.',
  })
  @ApiOkResponse({ type: CalendarYearResponse, description: 'The year’s days, by date' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: year not a number; DATE_OUT_OF_RANGE: year outside 2000–2100',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read the calendar' })
  async year(@CurrentActor() actor: Actor, @Param('year', ParseIntPipe) year: number): Promise<CalendarYearResponse> {
    return CalendarYearResponse.from(await this.admin.year(actor, year));
  }

  @Get('deadline')
  @ApiOperation({
    summary: 'A date some working days after another',
    description:
      'The date workingDays working days after from by the official calendar (from itself never counts), e.g. a ' +
      'claim due 10 working days after 2025-09-20 falls on 2025-10-10, across the National Day week. Anyone signed in.',
  })
  @ApiOkResponse({ type: DeadlineResponse })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: from not a date YYYY-MM-DD, workingDays not 0–1000' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: the role may not read the calendar' })
  @ApiResponse({
    status: 422,
    description:
      'CALENDAR_YEAR_UNKNOWN: the count reaches a year neither the package nor the table holds (details: year)',
  })
  async deadline(@CurrentActor() actor: Actor, @Query() q: DeadlineQuery): Promise<DeadlineResponse> {
    const date = await this.admin.deadline(actor, q.from, q.workingDays);
    return { from: q.from, workingDays: q.workingDays, date: date.toString() };
  }

  @Post('days')
  @ApiOperation({
    summary: 'Enter official calendar days',
    description:
      'Enters the holidays and make-up working days of a State Council notice (国务院办公厅关于节假日安排的通知) that ' +
      'the bundled calendar package lacks, or corrects one of its days: all or none. A year becomes known with its ' +
      'first entry, so enter a year’s whole notice in one request. Entries override the package. Audited per day ' +
      '(calendar_day.added). System administrators only.',
  })
  @ApiCreatedResponse({ type: [CalendarDayResponse], description: 'The days entered, by date' })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED: source, days, a date, kind or name missing or malformed; DATE_OUT_OF_RANGE: a year outside 2000–2100',
  })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators maintain the calendar' })
  @ApiResponse({
    status: 409,
    description: 'CALENDAR_DAY_EXISTS: the table already has a date (details: date); remove it first',
  })
  @ApiResponse({
    status: 422,
    description: 'CALENDAR_DAY_DUPLICATE: a date appears twice in the request (details: date)',
  })
  async add(@CurrentActor() actor: Actor, @Body() body: AddCalendarDaysRequest): Promise<CalendarDayResponse[]> {
    return (await this.admin.addDays(actor, body)).map((d) => CalendarDayResponse.from(d));
  }

  @Delete('days/:date')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an official calendar day',
    description:
      'Removes a table entry; the package’s answer for the date (or the plain week) applies again. Audited ' +
      '(calendar_day.removed). Deadlines already set are not recomputed. System administrators only.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiResponse({ status: 400, description: 'INVALID_DATE: date not YYYY-MM-DD' })
  @ApiResponse({ status: 401, description: 'Not signed in' })
  @ApiResponse({ status: 403, description: 'PERMISSION_DENIED: only system administrators maintain the calendar' })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND: the table has no entry for the date (details: field)',
  })
  async remove(@CurrentActor() actor: Actor, @Param('date') date: string): Promise<void> {
    await this.admin.removeDay(actor, date);
  }
}
