// Importing a file in chunks: begin names it, each chunk is written as it comes, finish
// reports; cancel drops it (what it committed stays).
import type { CoreHandlers } from '../../shared/contract';
import { formatOf } from './session';
import type { ImportSessions } from './sessions';

type ImportMethods = 'import.begin' | 'import.chunk' | 'import.finish' | 'import.cancel';

export function importHandlers(imports: ImportSessions): Pick<CoreHandlers, ImportMethods> {
  return {
    'import.begin': ({ fileName, format }) => {
      const fmt = format ?? formatOf(fileName);
      return { importId: imports.begin(fileName, fmt), format: fmt };
    },
    'import.chunk': ({ importId, text }) => imports.of(importId).write(text),
    'import.finish': async ({ importId }) => {
      const report = await imports.of(importId).end();
      imports.drop(importId);
      return report;
    },
    'import.cancel': ({ importId }) => ({ cancelled: imports.drop(importId) }),
  };
}
