// One text cell of an exported CSV. Names, ids and reasons come from operators, imports and WeChat,
// so a cell may start with what a spreadsheet runs as a formula (=HYPERLINK(…), +cmd|…, @SUM(…)).
// OWASP's CSV-injection advice: prefix such a cell with a single quote so it stays text, then
// quote per RFC 4180. Numbers we format ourselves are written as they are.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvTextCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The same neutralising without CSV quoting: for a text cell of an XLSX export. */
export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
