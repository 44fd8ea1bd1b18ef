/**
 * Dates and numbers as the pages show them. Dates are shown in UTC with a fixed locale: the
 * server and the browser then render the same text (no hydration mismatch), and admins in
 * different zones read the same times.
 */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
const countFormat = new Intl.NumberFormat('en-US');

/** "31 Jan 2026" */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** "31 Jan 2026, 14:05 UTC" */
export function formatDateTime(date: Date): string {
  return `${dateTimeFormat.format(date)} UTC`;
}

/** "1,234" */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

const estimateFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });

/** An estimated count to two significant figures, as "about" goes with it: 8,765 -> "8,800". */
export function formatEstimate(count: number): string {
  return estimateFormat.format(count);
}

const byteUnits = ['bytes', 'KB', 'MB', 'GB'];

/** A size as people read it: "32 MB", "640 KB" (binary units, as file managers count them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${countFormat.format(Math.round(value * 10) / 10)} ${byteUnits[unit]}`;
}
