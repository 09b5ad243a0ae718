// The workstation itself: imports, counts, settings, reply templates and what the app reports
// about itself.
import type { TemplateKind } from '../templates';
import type { DetectionQueue } from './detection';
import type { ItemKind, ItemStatus } from './items';

export interface ImportError {
  file: string;
  line: number;
  message: string;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
}

export interface ImportReport {
  importId: string;
  file: string;
  format: 'ndjson' | 'csv';
  bytes: number;
  lines: number;
  accounts: ImportCounts;
  items: ImportCounts;
  follows: ImportCounts;
  /** Rows rejected, each with its line and reason; `errorCount` may exceed the list kept. */
  errors: ImportError[];
  errorCount: number;
  done: boolean;
}

export interface Stats {
  items: number;
  accounts: number;
  follows: number;
  byStatus: Partial<Record<ItemStatus, number>>;
  byKind: Partial<Record<ItemKind, number>>;
  decisions: number;
  events: number;
  outbox: number;
}

export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  kind: TemplateKind;
  /** Why we ask (contact-request, private-channel): shown to the moderator and recorded with the reply. */
  reason: string | null;
  tags: string[];
  updatedAt: number | null;
  updatedBy: string | null;
}

export interface Settings {
  actor: string;
  /** Action id → key combination, only the ones rebound away from the default map. */
  keymap: Record<string, string>;
  blurMedia: boolean;
  /** Score from which detection routes a waiting item to each detection queue. */
  thresholds: Record<DetectionQueue, number>;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  dbPath: string;
  clientId: string;
  actor: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  empty: boolean;
}
