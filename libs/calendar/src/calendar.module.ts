import { Module } from '@nestjs/common';
import { AuthModule } from '@mla/auth';
import { CalendarAdminService } from './calendar-admin.service';
import { CalendarDayRepository } from './calendar-day.repository';
import { WorkingCalendar } from './working-calendar';

/** Published ports: what other contexts call. */
const PORTS = [WorkingCalendar];

/** Use cases the apps drive (HTTP controllers). */
const USE_CASES = [CalendarAdminService];

const INTERNAL = [CalendarDayRepository];

/**
 * The working calendar 工作日历: working days by the Chinese official calendar (statutory holidays and make-up
 * working days) for every deadline counted in working days (application reviews, subsidy claims and payments).
 */
@Module({
  imports: [AuthModule],
  providers: [...PORTS, ...USE_CASES, ...INTERNAL],
  exports: [...PORTS, ...USE_CASES],
})
export class CalendarModule {}
