// The verifiable log's library (RFC 9162 tree, checkpoints, entries, proof files): a door of its
// own into core, light enough for a worker thread and for the central server, which need none of
// the workstation behind src/core/index.ts (which re-exports it).
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
