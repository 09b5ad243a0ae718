import type { ItemDetail } from '@shared/model';
import { ago } from '../../components/format';

export function ThreadView({ thread, currentId, blurred }: { thread: ItemDetail['thread']; currentId: number; blurred: boolean }) {
  if (thread.length < 2) return null;
  return (
    <section className="card" aria-label="Thread" data-testid="thread">
      <h3>Thread · {thread.length} messages</h3>
      <ol className="thread">
        {thread.map((t) => (
          <li key={t.id} className={t.id === currentId ? 'this' : undefined}>
            <span className="author">@{t.authorHandle ?? 'unknown'}</span> <span className="muted">{ago(t.createdAt)}</span>
            <div className={blurred ? 'blurred' : undefined}>{t.text}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
