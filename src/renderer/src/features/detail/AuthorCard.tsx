import type { AccountCard } from '@shared/model';
import { age, ago, num, STATUS_LABEL } from '../../components/format';

export function AuthorCard({ author }: { author: AccountCard | null }) {
  if (!author) return <section className="card">Author unknown.</section>;
  const ratio = author.following && author.followers !== null ? author.followers / Math.max(1, author.following) : null;
  const decided = Object.entries(author.decisions).filter(([, n]) => n);
  return (
    <section className="card author-card" data-testid="author-card" aria-label="Author">
      <h3>
        @{author.handle} {author.name ? <span className="muted">{author.name}</span> : null}
        {author.verified ? <span className="badge">verified</span> : null}
        {author.markedFake ? <span className="badge danger">marked fake</span> : null}
        {author.defaultAvatar ? <span className="badge warn">default avatar</span> : null}
      </h3>
      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd>{age(author.createdAt)}</dd>
        </div>
        <div>
          <dt>Followers</dt>
          <dd>{num(author.followers)}</dd>
        </div>
        <div>
          <dt>Following</dt>
          <dd>{num(author.following)}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>{num(author.posts)}</dd>
        </div>
        {ratio !== null ? (
          <div>
            <dt>Followers per followed</dt>
            <dd>{ratio < 10 ? ratio.toFixed(2) : Math.round(ratio).toLocaleString()}</dd>
          </div>
        ) : null}
      </dl>
      {author.bio ? <p className="bio">{author.bio}</p> : null}
      <p className="history-line" data-testid="author-history">
        {author.itemCount.toLocaleString()} item{author.itemCount === 1 ? '' : 's'} here
        {decided.length
          ? ` · decided: ${decided.map(([s, n]) => `${n} ${STATUS_LABEL[s]?.toLowerCase() ?? s}`).join(', ')}`
          : ' · none decided yet'}
      </p>
      {author.recentItems.length > 1 ? (
        <ul className="recent">
          {author.recentItems.map((it) => (
            <li key={it.id}>
              <span className={`status status-${it.status}`}>{STATUS_LABEL[it.status]}</span>{' '}
              <span className="muted">{ago(it.createdAt)}</span> {it.text}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
