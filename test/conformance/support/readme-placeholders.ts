/**
 * README placeholders, filled the way a person copies them from earlier output: `<path>` (keys
 * joined by dots, a number indexing an array, e.g. `<receipt>`, `<body.taskToken>`,
 * `<messages.1.receipt>`) is the value at that path in the most recent JSON response that has it,
 * searched depth first, so `<receipt>` is the first received message's. Strings go in as they are,
 * other values as JSON.
 */
const PLACEHOLDER = /<([A-Za-z_]\w*(?:\.\w+)*)>/g;

export function fillPlaceholders(command: string, responses: readonly unknown[]): string {
  return command.replace(PLACEHOLDER, (_, path: string) => {
    for (const response of responses.toReversed()) {
      const value = find(response, path.split('.'));
      if (value !== undefined) return typeof value === 'string' ? value : JSON.stringify(value);
    }
    throw new Error(`no earlier response has "${path}" to fill <${path}> in:\n${command}`);
  });
}

/** The value at `path` from `node` or, failing that, from the first of its descendants that has it. */
function find(node: unknown, path: readonly string[]): unknown {
  if (typeof node !== 'object' || node === null) return undefined;
  const here = path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), node);
  if (here !== undefined && (typeof here !== 'object' || here === null)) return here;
  for (const child of Object.values(node)) {
    const found = find(child, path);
    if (found !== undefined) return found;
  }
  return undefined;
}
