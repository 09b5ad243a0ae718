import type { Store } from '../../store/types';
import { jumpToPart, scrollDetail } from '../detail/scrollDetail';
import type { ActionId } from '../keyboard/keymap';

/** What each action does; the key handler and the command palette both come through here. */
export function runAction(s: Store, action: ActionId, bulk = false): void {
  switch (action) {
    case 'next':
      return s.moveCursor(1);
    case 'prev':
      return s.moveCursor(-1);
    case 'first':
      return s.setCursor(0);
    case 'last':
      return s.setCursor(Math.max(0, (s.total ?? 1) - 1));
    case 'approve':
    case 'remove':
    case 'escalate':
    case 'spam':
    case 'fake':
      return s.decide(action, { bulk });
    case 'undo':
      return s.undo();
    case 'label':
      if (!bulk && !s.currentRow()) return;
      return s.open({ kind: 'label', bulk });
    case 'note':
      if (!s.currentRow()) return;
      return s.open({ kind: 'note' });
    case 'reply':
      if (!s.currentRow()) return;
      return s.open({ kind: 'reply' });
    case 'claim':
      return s.claim(bulk);
    case 'handover':
      if (!bulk && !s.currentRow()) return;
      return s.open({ kind: 'handover', bulk });
    case 'cycleType':
      return s.cycleClassification('type');
    case 'cycleSentiment':
      return s.cycleClassification('sentiment');
    case 'select':
      s.toggleSelect();
      return s.moveCursor(1);
    case 'clearSelection':
      return s.clearSelection();
    case 'scrollDown':
      return scrollDetail(1);
    case 'scrollUp':
      return scrollDetail(-1);
    case 'nextPart':
    case 'prevPart':
      if (!jumpToPart(action === 'nextPart' ? 1 : -1))
        s.toast('info', action === 'nextPart' ? 'This is the last part of the item.' : 'This is the first part of the item.');
      return;
    case 'search':
      return s.focusSearch();
    case 'blur':
      return s.toggleBlur();
    case 'help':
      return s.open({ kind: 'help' });
    case 'palette':
      return s.open({ kind: 'palette' });
    case 'import':
      return s.open({ kind: 'import' });
    case 'export':
      return s.open({ kind: 'export' });
    case 'thresholds':
      return s.open({ kind: 'thresholds' });
    case 'hours':
      return s.open({ kind: 'hours' });
    case 'templates':
      return s.open({ kind: 'templates' });
    case 'notes':
      return s.open({ kind: 'notes', mentions: false });
    case 'back':
      return s.backToView();
    case 'similar': {
      // The keyboard goes to the earlier cases' buttons: Tab moves between them, Enter opens one.
      const first = document.querySelector<HTMLButtonElement>('[data-testid="similar-open"]');
      if (first) return first.focus();
      return s.toast('info', 'No resolved case like this one to open.');
    }
    case 'models':
      return s.open({ kind: 'models' });
    case 'sync':
      return s.open({ kind: 'sync' });
    case 'conflicts':
      return s.open({ kind: 'conflicts' });
    case 'audit':
      return s.open({ kind: 'audit' });
    case 'caseTake':
      return void s.takeCase();
    case 'caseHandover':
      return s.currentCase ? s.open({ kind: 'caseHandover' }) : s.toast('info', 'This item is not in a case.');
    case 'caseResolve':
      return s.currentCase ? s.open({ kind: 'caseResolve' }) : s.toast('info', 'This item is not in a case.');
    case 'rules':
      return s.open({ kind: 'rules' });
    case 'campaign': {
      const row = s.currentRow();
      const campaign = row ? s.details.get(row.id)?.detection?.campaign : undefined;
      if (campaign) return s.open({ kind: 'campaign', campaign });
      if (row) s.toast('info', 'This item is not part of a campaign.');
      return;
    }
  }
}
