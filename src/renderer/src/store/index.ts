import { create } from 'zustand';
import { createDecisionSlice } from '../features/actions/decisionSlice';
import { createDetailSlice } from '../features/detail/detailSlice';
import { createDetectionSlice } from '../features/detection/detectionSlice';
import { createModelSlice } from '../features/detection/modelSlice';
import { createAuditSlice } from '../features/audit/auditSlice';
import { createCaseSlice } from '../features/cases/caseSlice';
import { createConflictSlice } from '../features/sync/conflictSlice';
import { createSyncSlice } from '../features/sync/syncSlice';
import { createImportSlice } from '../features/import/importSlice';
import { createKeymapSlice } from '../features/keyboard/keymapSlice';
import { createQueueSlice } from '../features/queue/queueSlice';
import { createSettingsSlice } from '../features/settings/settingsSlice';
import type { Store } from './types';
import { createUiSlice } from './uiSlice';

export const useStore = create<Store>()((...a) => ({
  ...createQueueSlice(...a),
  ...createDetailSlice(...a),
  ...createDecisionSlice(...a),
  ...createKeymapSlice(...a),
  ...createSettingsSlice(...a),
  ...createImportSlice(...a),
  ...createDetectionSlice(...a),
  ...createModelSlice(...a),
  ...createSyncSlice(...a),
  ...createConflictSlice(...a),
  ...createCaseSlice(...a),
  ...createAuditSlice(...a),
  ...createUiSlice(...a),
}));

export type { Store };
