// What hosts (Electron main, the browser host, the CLI, benchmarks) may use of core.
// Everything else in src/core is internal; the lint layering rule holds hosts to this file.
export { openCore, VERSION, type Core, type CoreOptions } from './handlers';
export { createDispatch, type Dispatch } from './dispatch';
export { defaultDataDir, DB_FILE } from './db/paths';
export { KEY_FILE, keyFileProtector, type SecretProtector } from './sync/secrets';
export { generateWorkload, toInterchange, type WorkloadOptions } from './seed/generate';
export { loadWorkload } from './seed/load';
export { evaluateFolders, EVAL_KINDS, type EvalKind, type KindResult } from './detection/evaluate';
export { accountVerdict, type AccountSignals } from './detection/accounts';
export { spamVerdict } from './detection/comments';
export { reviewVerdict } from './detection/reviews';
export { nearDuplicateGroups as findNearDuplicates } from './detection/minhash';
export { findCampaigns, type Campaign, type Post } from './detection/campaigns';
export { Router, type RuleSpec } from './triage/rules/compile';
export { newestRoutable } from './triage/rules/read-items';
// The verifiable log: RFC 9162 Merkle tree, signed checkpoints, inclusion proof files.
export {
  EMPTY_ROOT,
  HASH_BYTES,
  leafHash,
  nodeHash,
  rootOf,
  rootOfData,
  rootFromInclusion,
  verifyConsistency,
  verifyInclusion,
  type Verdict,
} from './audit/merkle';
export {
  assembleConsistency,
  assembleInclusion,
  assembleRoot,
  consistencyNodes,
  inclusionNodes,
  lookupOf,
  nodeKey,
  rootAtSize,
  rootNodes,
  type NodeId,
  type NodeLookup,
  type NodeNeeds,
  type PerfectNode,
  type ProofPart,
} from './audit/tree-nodes';
export { Frontier, type FrontierJSON } from './audit/frontier';
export { canonicalJson, CanonicalJsonError, CANONICAL_MAX_DEPTH } from './audit/canonical';
export {
  checkpointBody,
  MAX_CHECKPOINT_BYTES,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type CheckpointVerdict,
  type NoteSignature,
  type ParsedCheckpoint,
} from './audit/checkpoint';
export { fingerprintOf, keyIdOf, loadOrCreateLogKey, LogKeyError, parsePublicKey, type LogKey, type LogPublicKey } from './audit/log-key';
export {
  checkLogEntry,
  entryJson,
  LOG_ENTRY_KEYS,
  LOG_ENTRY_VERSION,
  LOG_STATUSES,
  logEntryData,
  logEntryLeafHash,
  makeLogEntry,
  type LogEntry,
  type LogEntryInput,
  type LogStatus,
} from './audit/log-entry';
export {
  buildProofFile,
  MAX_PROOF_FILE_BYTES,
  PROOF_FORMAT,
  printable,
  summarizeEntry,
  verifyProofFile,
  type InclusionProofFile,
  type ProofFileInput,
  type ProofFileVerdict,
} from './audit/proof-file';
