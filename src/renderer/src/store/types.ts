import type { StateCreator } from 'zustand';
import type { DecisionSlice } from '../features/actions/decisionSlice';
import type { DetailSlice } from '../features/detail/detailSlice';
import type { DetectionSlice } from '../features/detection/detectionSlice';
import type { ModelSlice } from '../features/detection/modelSlice';
import type { AuditSlice } from '../features/audit/auditSlice';
import type { CaseSlice } from '../features/cases/caseSlice';
import type { ConflictSlice } from '../features/sync/conflictSlice';
import type { SyncSlice } from '../features/sync/syncSlice';
import type { ImportSlice } from '../features/import/importSlice';
import type { KeymapSlice } from '../features/keyboard/keymapSlice';
import type { QueueSlice } from '../features/queue/queueSlice';
import type { SettingsSlice } from '../features/settings/settingsSlice';
import type { UiSlice } from './uiSlice';

export type Store = QueueSlice &
  DetailSlice &
  DecisionSlice &
  KeymapSlice &
  SettingsSlice &
  ImportSlice &
  DetectionSlice &
  ModelSlice &
  SyncSlice &
  ConflictSlice &
  CaseSlice &
  AuditSlice &
  UiSlice;

/** A feature's part of the one store; it may read and call the others through get(). */
export type Slice<T> = StateCreator<Store, [], [], T>;
