// What hosts (Electron main, the browser host, the CLI, benchmarks) may use of core.
// Everything else in src/core is internal; the lint layering rule holds hosts to this file.
export { openCore, VERSION, type Core, type CoreOptions } from './handlers';
export { createDispatch, type Dispatch } from './dispatch';
export { defaultDataDir, DB_FILE } from './db/paths';
export { KEY_FILE, keyFileProtector, type SecretProtector } from './sync/secrets';
export { generateWorkload, toInterchange, type WorkloadOptions } from './seed/generate';
export { loadWorkload } from './seed/load';
export { loadDecisionWorkload, type DecisionWorkloadOptions } from './seed/decisions';
export { previewDraw } from './qa/draw';
export { evaluateFolders, EVAL_KINDS, type EvalKind, type KindResult } from './detection/evaluate';
export { accountVerdict, type AccountSignals } from './detection/accounts';
export { spamVerdict } from './detection/comments';
export { reviewVerdict } from './detection/reviews';
export { nearDuplicateGroups as findNearDuplicates } from './detection/minhash';
export { findCampaigns, type Campaign, type Post } from './detection/campaigns';
export { detectLanguage, languageReady } from './triage/classify/language';
export { Router, type RuleSpec } from './triage/rules/compile';
export { newestRoutable } from './triage/rules/read-items';
// The verifiable log: RFC 9162 Merkle tree, signed checkpoints, inclusion proof files.
export * from './log';
