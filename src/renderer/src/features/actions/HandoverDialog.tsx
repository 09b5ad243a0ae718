import { Dialog } from '../../components/Dialog';
import { HandoverForm } from '../../components/HandoverForm';
import { useStore } from '../../store';

/** A hand-over names who takes it and why: the next owner must not start from nothing. */
export function HandoverDialog({ bulk }: { bulk: boolean }) {
  const handover = useStore((s) => s.handover);
  const close = useStore((s) => s.close);
  const actor = useStore((s) => s.actor);
  const selected = useStore((s) => s.selection.size);
  return (
    <Dialog title={bulk ? `Hand over ${selected} selected items` : 'Hand over'} testId="handover-dialog">
      <HandoverForm
        testPrefix="handover"
        check={(to) => (to === actor ? 'Hand it to someone else: you already have it.' : null)}
        submit={(to, reason) => {
          handover(to, reason, bulk);
          close();
          return true;
        }}
      />
    </Dialog>
  );
}
