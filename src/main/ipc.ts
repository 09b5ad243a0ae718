// IPC: exactly one handler per contract method, nothing else. Each checks who is calling,
// then hands the raw arguments to core's dispatch, which validates them against the
// contract's schema. The answer is always a Result: errors travel as data, never as an
// exception across IPC (Electron would turn one into an opaque rejection in the renderer).
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_PREFIX, METHODS, type Method } from '../shared/contract';
import { fail, type Result } from '../shared/errors';
import { isAppUrl } from './app-url';

export type Dispatch = (method: Method, args: unknown) => Promise<Result<unknown>>;

/**
 * Only our own renderer may call core: the top frame of a window showing vigil://app/.
 * (Navigation away is blocked anyway; this also refuses a frame that should not exist.)
 */
export function senderProblem(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null) return 'calls from sub-frames are not accepted';
  if (!isAppUrl(frame.url)) return `calls from ${JSON.stringify(frame.url)} are not accepted`;
  return null;
}

export function registerIpc(dispatch: () => Dispatch | null): () => void {
  for (const method of METHODS) {
    ipcMain.handle(IPC_PREFIX + method, async (event, args: unknown): Promise<Result<unknown>> => {
      const problem = senderProblem(event);
      if (problem) {
        console.error(`[vigil] refused IPC ${method}: ${problem}`);
        return fail('transport', `Refused: ${problem}.`);
      }
      const d = dispatch();
      if (!d) return fail('transport', 'Vigil is shutting down; try again after restarting it.');
      try {
        return await d(method, args);
      } catch (e) {
        // dispatch never throws by design; this is the last line of defence.
        return fail('internal', `${method} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    });
  }
  return () => {
    for (const method of METHODS) ipcMain.removeHandler(IPC_PREFIX + method);
  };
}
