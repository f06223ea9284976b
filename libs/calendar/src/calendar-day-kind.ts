/** What an official calendar entry says about a date. */
export enum CalendarDayKind {
  /** A statutory holiday (法定节假日), including the weekend days inside a holiday period: no work. */
  HOLIDAY = 'HOLIDAY',
  /** A weekend day worked in exchange for a holiday (调休上班): a working day. */
  WORKDAY = 'WORKDAY',
}

/** Where an answer about a date comes from. */
export enum CalendarDayOrigin {
  /** The holiday arrangements bundled with the calendar package. */
  PACKAGE = 'PACKAGE',
  /** The calendar table administrators maintain (it overrides the package). */
  TABLE = 'TABLE',
}
