import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from '../store';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * A modal panel: takes focus, keeps Tab and Shift+Tab inside it (the page behind is inert to
 * the keyboard while it is open), gives focus back where it was when it closes, and closes on
 * Esc (global handler) or the backdrop.
 */
export function Dialog({
  title,
  children,
  wide,
  testId,
  focusSelf,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Focus the dialog itself, not its first control: where no control should take an Enter pressed at once. */
  focusSelf?: boolean;
}) {
  const close = useStore((s) => s.close);
  const ref = useRef<HTMLDivElement>(null);
  // Read while rendering, before React's commit focuses an autoFocus field inside the dialog:
  // read in the effect, it would be that field, and closing would give focus back to nothing.
  const [previous] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => {
    // A field with autoFocus has taken focus already (React focuses it on mount); otherwise
    // the first field, and only failing that a button, so Enter never hits "Close" by accident.
    const root = ref.current;
    if (root && focusSelf) root.focus();
    else if (root && !root.contains(document.activeElement)) {
      const first =
        root.querySelector<HTMLElement>('input, textarea, select') ??
        root.querySelector<HTMLElement>('button:not(.dialog-close)') ??
        root.querySelector<HTMLElement>('button');
      first?.focus();
    }
    return () => previous?.focus?.();
    // Once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key !== 'Tab' || !ref.current) return;
          const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
            (el) => el.offsetParent !== null || el === document.activeElement,
          );
          if (!all.length) return;
          const first = all[0]!;
          const last = all[all.length - 1]!;
          const at = document.activeElement;
          if (e.shiftKey && (at === first || at === ref.current)) {
            e.preventDefault();
            last.focus();
          } else if (!e.shiftKey && (at === last || !ref.current.contains(at))) {
            e.preventDefault();
            first.focus();
          }
        }}
        className={wide ? 'dialog wide' : 'dialog'}
        data-testid={testId}
      >
        <div className="dialog-head">
          <h2>{title}</h2>
          <button type="button" className="ghost dialog-close" aria-label="Close" onClick={close}>
            Esc
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
