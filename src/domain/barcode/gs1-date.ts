// Dates in GS1 element strings (AIs 11–17): YYMMDD, GS1 General Specifications §7.12.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/**
 * §7.12 century rule: with c the last two digits of the current year, a YY at least 51 ahead of c is
 * last century and one at least 50 behind is next century, so a two-digit year always lands within
 * 49 years back / 50 years ahead of today.
 */
export function gs1Year(yy: number, now: Date): number {
  const current = now.getFullYear();
  const c = current % 100;
  const century = current - c;
  const diff = yy - c;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/**
 * Turns six digits YYMMDD into 'YYYY-MM-DD', or returns why it is not a date. Day 00 stands for the
 * last day of the month (§7.12, for AIs 11–17); any other day has to exist in that month.
 */
export function gs1DateToIso(yymmdd: string, now: Date): { iso: string } | { problem: string } {
  if (!/^[0-9]{6}$/.test(yymmdd)) {
    return { problem: `expected 6 digits YYMMDD, got ${JSON.stringify(yymmdd)}` };
  }
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) {
    return { problem: `month must be 01-12, got ${yymmdd.slice(2, 4)} in ${JSON.stringify(yymmdd)}` };
  }
  const year = gs1Year(Number(yymmdd.slice(0, 2)), now);
  const lastDay = daysInMonth(year, month);
  if (day > lastDay) {
    return { problem: `day ${yymmdd.slice(4, 6)} does not exist in ${year}-${yymmdd.slice(2, 4)}` };
  }
  const dd = String(day === 0 ? lastDay : day).padStart(2, '0');
  return { iso: `${String(year).padStart(4, '0')}-${yymmdd.slice(2, 4)}-${dd}` };
}
