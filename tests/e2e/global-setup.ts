// E2E tests drive the built renderer; build it once when it is missing or stale.
// @ts-expect-error plain ESM script without types
import { ensureBuilt } from '../../scripts/lib/ensure-built.mjs';

export default function globalSetup(): void {
  (ensureBuilt as (o: { quiet: boolean }) => void)({ quiet: true });
}
