import { CronExpressionParser } from "cron-parser";

/** The next time a cron schedule fires after `from`, the schedule read in `timeZone` (IANA). */
export function nextRunAt(schedule: string, options: { timeZone: string; from?: Date }): Date {
  const expression = CronExpressionParser.parse(schedule, {
    tz: options.timeZone,
    currentDate: options.from ?? new Date(),
  });
  return expression.next().toDate();
}

/** Throws the parser's message when a cron expression is malformed. */
export function assertValidCron(schedule: string): void {
  // Five fields only: the seconds field is a BullMQ/cron-parser extension that readers misread.
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new Error(`expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
  }
  CronExpressionParser.parse(schedule, { strict: false });
}
