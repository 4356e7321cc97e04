import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface HandlerLocation {
  /** The module file; the first that exists of `.js`, `.mjs`, `.cjs`, as Lambda's Node.js runtime looks. */
  readonly modulePath: string;
  readonly exportPath: readonly string[];
}

/**
 * Where a Handler setting points inside the code directory, read as Lambda's Node.js runtime reads
 * it: `dir/module.export.path` — the module is the last path segment up to its first dot.
 */
export function locateHandler(codeDirectory: string, handler: string): HandlerLocation {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw new Error(`malformed handler "${handler}": expected "module.export"`);
  const moduleBase = join(codeDirectory, handler.slice(0, dot));
  const candidates = ['.js', '.mjs', '.cjs'].map((extension) => moduleBase + extension);
  const modulePath = candidates.find((candidate) => existsSync(candidate));
  if (!modulePath) throw new Error(`handler "${handler}": none of ${candidates.map((path) => path.slice(dirname(moduleBase).length + 1)).join(', ')} in ${codeDirectory}`);
  return { modulePath, exportPath: handler.slice(dot + 1).split('.') };
}
