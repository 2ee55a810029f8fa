import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would run as a formula (text typed by institutions or staff must never be). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell made safe for a spreadsheet: formula-like text gets a leading `'`. */
export function spreadsheetSafe(cell: string | number): string | number {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Rows as a CSV file for spreadsheets: UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends, formula-like cells defused. */
export function toSpreadsheetCsv(rows: readonly (readonly (string | number)[])[]): string {
  return '\uFEFF' + stringify(rows.map((row) => row.map(spreadsheetSafe)), { record_delimiter: '\r\n' });
}
