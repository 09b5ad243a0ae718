import { useEffect, useRef, type ReactNode } from 'react';
import { useStore } from '../store';

/** A modal panel: traps nothing fancy, but takes focus, closes on Esc (global handler) or the backdrop. */
export function Dialog({ title, children, wide, testId }: { title: string; children: ReactNode; wide?: boolean; testId?: string }) {
  const close = useStore((s) => s.close);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('[autofocus], input, textarea, select, button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={ref} role="dialog" aria-modal="true" aria-label={title} className={wide ? 'dialog wide' : 'dialog'} data-testid={testId}>
        <div className="dialog-head">
          <h2>{title}</h2>
          <button type="button" className="ghost" aria-label="Close" onClick={close}>
            Esc
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
