import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';

/** Links in content lead anywhere: they open only after the moderator has read where. */
export function LinkDialog({ url }: { url: string }) {
  const close = useStore((s) => s.close);
  let safe = false;
  try {
    safe = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    safe = false;
  }
  return (
    <Dialog title="Open a link outside Vigil?" testId="link-dialog">
      <p>
        This opens <code className="url">{url}</code> in your browser. Links in user content can lead to harmful pages.
      </p>
      {safe ? (
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => {
              window.open(url, '_blank', 'noopener,noreferrer');
              close();
            }}
          >
            Open in browser
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      ) : (
        <p className="error">Only http and https links can be opened.</p>
      )}
    </Dialog>
  );
}
