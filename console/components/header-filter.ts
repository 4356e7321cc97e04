type Headers = Readonly<Record<string, string | number | boolean | null>>;

/** The header test a `name=value` filter asks for, or undefined when the text is no such filter. */
export function headerFilter(text: string): ((headers: Headers) => boolean) | undefined {
  const match = /^([^=\s]+)\s*=\s*(.*)$/.exec(text.trim());
  if (!match) return undefined;
  const [, name, value] = match;
  return (headers) => name! in headers && String(headers[name!]) === value;
}
