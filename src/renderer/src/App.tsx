import { useEffect, useSyncExternalStore } from 'react';
import { isSessionLost, subscribeSessionLost } from './api/host-session';
import { Overlays } from './components/Overlays';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { TopBar } from './components/TopBar';
import { DetailPane } from './features/detail/DetailPane';
import { useGlobalKeys } from './features/keyboard/useGlobalKeys';
import { EmptyState } from './features/onboarding/EmptyState';
import { NothingHere } from './features/queue/NothingHere';
import { QueueList } from './features/queue/QueueList';
import { CampaignList, CampaignToggle } from './features/detection/CampaignList';
import { SearchBox } from './features/queue/SearchBox';
import { Sidebar } from './features/queue/Sidebar';
import { useStore } from './store';

export function App() {
  const boot = useStore((s) => s.boot);
  const bootError = useStore((s) => s.bootError);
  const info = useStore((s) => s.info);
  const total = useStore((s) => s.total);
  const filtered = useStore((s) => Object.keys(s.filter).length > 0);
  const listError = useStore((s) => s.listError);
  const queue = useStore((s) => s.filter.queue);
  const byCampaign = useStore((s) => s.byCampaign);
  const sessionLost = useSyncExternalStore(subscribeSessionLost, isSessionLost);
  useGlobalKeys();

  useEffect(() => {
    void boot();
  }, [boot]);

  useEffect(() => {
    // Files dropped anywhere are imported (the browser must not open them instead).
    function onDragOver(e: DragEvent): void {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    }
    function onDrop(e: DragEvent): void {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      const s = useStore.getState();
      s.open({ kind: 'import' });
      void s.importFiles([...e.dataTransfer.files]);
    }
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (sessionLost) {
    return (
      <div className="boot-error" role="alert" data-testid="host-restarted">
        <h1>Vigil was restarted</h1>
        <p>
          Open the address it printed when it started again, the line “Vigil is running at …” where it runs. The address of an earlier start
          no longer works.
        </p>
      </div>
    );
  }

  if (bootError) {
    return (
      <div className="boot-error" role="alert">
        <h1>Vigil cannot open its data</h1>
        <p>{bootError}</p>
      </div>
    );
  }

  const empty = info?.empty && total === 0 && !filtered;
  const waves = queue === 'spam-waves';
  return (
    <div className="app" data-ready={info ? 'true' : 'false'}>
      <TopBar />
      <div className="main">
        <Sidebar />
        <section className="listpane" aria-label="Queue">
          <SearchBox />
          {waves ? <CampaignToggle /> : null}
          {listError ? (
            <p className="error" role="alert">
              {listError}
            </p>
          ) : null}
          {waves && byCampaign ? <CampaignList /> : empty ? <EmptyState /> : total === 0 ? <NothingHere /> : <QueueList />}
        </section>
        <DetailPane />
      </div>
      <StatusBar />
      <Overlays />
      <Toasts />
    </div>
  );
}
