import { migration0001 } from './0001-accounts-items';
import { migration0002 } from './0002-event-log';
import { migration0003 } from './0003-queue-counts';
import { migration0004 } from './0004-reply-templates';
import { migration0005 } from './0005-label-priority';
import { migration0006 } from './0006-dimension-priority';
import { migration0007 } from './0007-account-scores';
import { migration0008 } from './0008-item-scores';
import { migration0009 } from './0009-models';
import { migration0010 } from './0010-sync';
import { migration0011 } from './0011-conflicts-leases';
import { migration0012 } from './0012-parked-events';
import { migration0013 } from './0013-flagged-work';
import { migration0014 } from './0014-classification';
import { migration0015 } from './0015-routing-rules';
import { migration0016 } from './0016-business-hours-sla';
import { migration0017 } from './0017-cases';
import { migration0018 } from './0018-template-kinds';
import { migration0019 } from './0019-similar-cases-notes';
import { migration0020 } from './0020-routed-case-owner';
import { migration0021 } from './0021-type-model';
import { migration0022 } from './0022-open-items-fewer-priority-indexes';
import { migration0023 } from './0023-config-sync';
import { migration0024 } from './0024-reply-deliveries';
import { migration0025 } from './0025-reply-text-key';
import { migration0026 } from './0026-item-order';
import { migration0027 } from './0027-proven-authors-set-aside';
import { migration0028 } from './0028-server-log-copy';
import { migration0029 } from './0029-account-handle';
import { migration0030 } from './0030-undo-groups';
import { migration0031 } from './0031-undo-of-not-unique';
import { migration0032 } from './0032-score-sureness';
import { migration0033 } from './0033-quality-review';
import type { Migration } from './types';

/** In order; a new migration is a new file appended here, never an edit of an old one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
  migration0024,
  migration0025,
  migration0026,
  migration0027,
  migration0028,
  migration0029,
  migration0030,
  migration0031,
  migration0032,
  migration0033,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration };
