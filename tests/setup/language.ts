// Many core tests store items by calling core's functions directly (upsertItem, loadWorkload,
// applyContent), below the entry points that wait for the language detector; it is loaded once
// here for them. tests/unit/triage/language-load.test.ts checks the entry points themselves
// against a core whose detector has not loaded.
import { languageReady } from '../../src/core/triage/classify/language';

await languageReady();
