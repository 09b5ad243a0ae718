import { HandoverDialog } from '../features/actions/HandoverDialog';
import { LabelDialog } from '../features/actions/LabelDialog';
import { NoteDialog } from '../features/actions/NoteDialog';
import { ReplyDialog } from '../features/actions/ReplyDialog';
import { LinkDialog } from '../features/detail/LinkDialog';
import { CampaignDialog } from '../features/detection/CampaignDialog';
import { ThresholdsDialog } from '../features/detection/ThresholdsDialog';
import { ModelDialog } from '../features/detection/ModelDialog';
import { ConflictsDialog } from '../features/sync/ConflictsDialog';
import { HoursDialog } from '../features/sla/HoursDialog';
import { SyncDialog } from '../features/sync/SyncDialog';
import { ExportDialog } from '../features/import/ExportDialog';
import { ImportDialog } from '../features/import/ImportDialog';
import { CommandPalette } from '../features/keyboard/CommandPalette';
import { HelpOverlay } from '../features/keyboard/HelpOverlay';
import { ActorDialog } from '../features/settings/ActorDialog';
import { useStore } from '../store';

export function Overlays() {
  const overlay = useStore((s) => s.overlay);
  if (!overlay) return null;
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
    case 'hours':
      return <HoursDialog />;
  }
}
