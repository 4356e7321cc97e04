/** A DynamoDB attribute value in the wire format the low-level client uses. */
export type DynamoValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: Uint8Array }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly L: readonly DynamoValue[] }
  | { readonly M: Readonly<Record<string, DynamoValue>> }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly Uint8Array[] };

export type DynamoItem = Readonly<Record<string, DynamoValue>>;

/** A write unit covers 1 KB of item; a transactional write costs two units per KB. */
const WRITE_UNIT_BYTES = 1024;

const utf8Bytes = (text: string): number => Buffer.byteLength(text);

/** DynamoDB sizes a number by its significant digits: about one byte per two digits, plus one. */
function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1 + (text.startsWith('-') ? 1 : 0);
}

/** Bytes of one attribute value by DynamoDB's item size rules (documents: 3 bytes + 1 per element). */
export function valueBytes(value: DynamoValue): number {
  if ('S' in value) return utf8Bytes(value.S);
  if ('N' in value) return numberBytes(value.N);
  if ('B' in value) return value.B.byteLength;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('L' in value) return 3 + value.L.reduce((sum, element) => sum + 1 + valueBytes(element), 0);
  if ('M' in value) return 3 + Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8Bytes(name) + valueBytes(element), 0);
  if ('SS' in value) return value.SS.reduce((sum, element) => sum + utf8Bytes(element), 0);
  if ('NS' in value) return value.NS.reduce((sum, element) => sum + numberBytes(element), 0);
  return value.BS.reduce((sum, element) => sum + element.byteLength, 0);
}

/** An item's size: its attribute names and values. */
export function itemBytes(item: DynamoItem): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8Bytes(name) + valueBytes(value), 0);
}

/** Write capacity units a write of `bytes` costs; twice as many inside TransactWriteItems. */
export function writeUnits(bytes: number, options: { transactional?: boolean } = {}): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)) * (options.transactional ? 2 : 1);
}
