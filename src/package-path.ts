// Files of the package read at run time (build/mars.wasm, the compiled worker, the default
// prompts, the example warriors), found from the module that asks: src/ under vitest,
// dist/src/ compiled, dist/drq.cjs bundled.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `relative` under the package root: the nearest ancestor of this module that has it. */
export function packagePath(relative: string): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return undefined;
  }
}
