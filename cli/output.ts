import { styleText } from 'node:util';

/** A column of a human table: its header and how a row shows in it. */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => unknown;
}

/**
 * What a command prints on stdout: JSON for scripts with `--json` (one document, or one line per
 * item of a stream: NDJSON), text for people otherwise. Colour comes from node:util's styleText,
 * which leaves the text plain unless stdout is a TTY (and honours NO_COLOR / FORCE_COLOR).
 */
export class Output {
  readonly json: boolean;

  constructor(json: boolean) {
    this.json = json;
  }

  /** A command's result: `value` as JSON, or what `human` makes of it. */
  result<T>(value: T, human: (value: T) => string): void {
    this.line(this.json ? JSON.stringify(value) : human(value));
  }

  /** Rows as a table (a JSON document with `--json`, given whole as `value`). */
  table<Row>(value: unknown, rows: readonly Row[], columns: readonly Column<Row>[]): void {
    this.result(value, () => this.formatTable(rows, columns));
  }

  /** An object's fields, one `name: value` line each (nested values as JSON). */
  fields(value: Record<string, unknown>): void {
    this.result(value, () => this.formatFields(value));
  }

  /** One line of text (a result's human form, or a message). */
  line(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  style(format: Parameters<typeof styleText>[0], text: string): string {
    return styleText(format, text, { stream: process.stdout });
  }

  formatFields(value: Record<string, unknown>): string {
    const width = Math.max(...Object.keys(value).map((name) => name.length));
    return Object.entries(value)
      .map(([name, field]) => `${this.style('bold', `${name}:`.padEnd(width + 1))} ${show(field)}`)
      .join('\n');
  }

  formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
    if (rows.length === 0) return this.style('dim', '(none)');
    const cells = rows.map((row) => columns.map((column) => show(column.value(row))));
    const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((row) => row[i]!.length)));
    const pad = (row: readonly string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
    return [this.style('bold', pad(columns.map((column) => column.header))), ...cells.map(pad)].join('\n');
  }
}

/** A value as a table cell or field: strings as they are, absent as '-', anything else as JSON. */
function show(value: unknown): string {
  if (value === undefined || value === null) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `1 message`, `2 messages`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
