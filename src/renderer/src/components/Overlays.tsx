import { lazy, Suspense, type ReactNode } from 'react';
import { HandoverDialog } from '../features/actions/HandoverDialog';
import { LabelDialog } from '../features/actions/LabelDialog';
import { NoteDialog } from '../features/actions/NoteDialog';
import { ReplyDialog } from '../features/actions/ReplyDialog';
import { LinkDialog } from '../features/detail/LinkDialog';
import { CampaignDialog } from '../features/detection/CampaignDialog';
import { CommandPalette } from '../features/keyboard/CommandPalette';
import { HelpOverlay } from '../features/keyboard/HelpOverlay';
import { ActorDialog } from '../features/settings/ActorDialog';
import { CaseHandoverDialog, CaseResolveDialog } from '../features/cases/CaseDialogs';
import { NotesDialog } from '../features/notes/NotesDialog';
import { useStore } from '../store';

// Dialogs an admin or a supervisor opens now and then load when first opened, so the
// moderator's window starts with less to parse.
const ThresholdsDialog = lazy(() => import('../features/detection/ThresholdsDialog').then((m) => ({ default: m.ThresholdsDialog })));
const ModelDialog = lazy(() => import('../features/detection/ModelDialog').then((m) => ({ default: m.ModelDialog })));
const ConflictsDialog = lazy(() => import('../features/sync/ConflictsDialog').then((m) => ({ default: m.ConflictsDialog })));
const AuditDialog = lazy(() => import('../features/audit/AuditDialog').then((m) => ({ default: m.AuditDialog })));
const SyncDialog = lazy(() => import('../features/sync/SyncDialog').then((m) => ({ default: m.SyncDialog })));
const HoursDialog = lazy(() => import('../features/sla/HoursDialog').then((m) => ({ default: m.HoursDialog })));
const TemplatesDialog = lazy(() => import('../features/actions/TemplatesDialog').then((m) => ({ default: m.TemplatesDialog })));
const RulesDialog = lazy(() => import('../features/rules/RulesDialog').then((m) => ({ default: m.RulesDialog })));
const ExportDialog = lazy(() => import('../features/import/ExportDialog').then((m) => ({ default: m.ExportDialog })));
const ImportDialog = lazy(() => import('../features/import/ImportDialog').then((m) => ({ default: m.ImportDialog })));

export function Overlays() {
  const overlay = useStore((s) => s.overlay);
  if (!overlay) return null;
  return <Suspense fallback={null}>{overlayOf(overlay)}</Suspense>;
}

function overlayOf(overlay: NonNullable<ReturnType<typeof useStore.getState>['overlay']>): ReactNode {
  switch (overlay.kind) {
    case 'help':
      return <HelpOverlay />;
    case 'palette':
      return <CommandPalette />;
    case 'label':
      return <LabelDialog bulk={overlay.bulk} />;
    case 'note':
      return <NoteDialog />;
    case 'reply':
      return <ReplyDialog />;
    case 'handover':
      return <HandoverDialog bulk={overlay.bulk} />;
    case 'import':
      return <ImportDialog />;
    case 'export':
      return <ExportDialog />;
    case 'actor':
      return <ActorDialog />;
    case 'link':
      return <LinkDialog url={overlay.url} />;
    case 'campaign':
      return <CampaignDialog campaign={overlay.campaign} />;
    case 'thresholds':
      return <ThresholdsDialog />;
    case 'models':
      return <ModelDialog />;
    case 'sync':
      return <SyncDialog />;
    case 'conflicts':
      return <ConflictsDialog />;
    case 'audit':
      return <AuditDialog />;
    case 'caseHandover':
      return <CaseHandoverDialog />;
    case 'caseResolve':
      return <CaseResolveDialog />;
    case 'rules':
      return <RulesDialog />;
    case 'hours':
      return <HoursDialog />;
    case 'templates':
      return <TemplatesDialog />;
    case 'notes':
      return <NotesDialog mentions={overlay.mentions} />;
  }
}
