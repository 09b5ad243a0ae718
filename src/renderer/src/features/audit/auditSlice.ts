import type { AuditReport } from '@shared/model';
import { call } from '../../api/client';
import { saveFile } from '../../components/download';
import type { Slice } from '../../store/types';

export interface AuditSlice {
  /** The last check of the record: running, its report, or why it could not be made. */
  audit: { running: boolean; report: AuditReport | null; error: string | null };
  /** The event whose inclusion proof is being fetched, if any. */
  proofFor: string | null;
  verifyRecord(): Promise<void>;
  /** Saves the server log's inclusion proof of one event as a file; a refusal is said in a toast. */
  exportProof(eventId: string): Promise<void>;
}

export const createAuditSlice: Slice<AuditSlice> = (set, get) => ({
  audit: { running: false, report: null, error: null },
  proofFor: null,

  async verifyRecord() {
    if (get().audit.running) return;
    set({ audit: { running: true, report: null, error: null } });
    const r = await call('audit.verify', { server: true });
    set({ audit: r.ok ? { running: false, report: r.value, error: null } : { running: false, report: null, error: r.error.message } });
  },

  async exportProof(eventId) {
    if (get().proofFor) return;
    set({ proofFor: eventId });
    const r = await call('audit.proof', { eventId });
    set({ proofFor: null });
    if (!r.ok) {
      get().toast('error', `No proof of this event: ${r.error.message}`);
      return;
    }
    saveFile([r.value.file], 'application/json', r.value.fileName);
    get().toast('success', r.value.summary);
  },
});
