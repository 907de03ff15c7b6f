import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isCommandName } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Core } from '../core/types';
import { isAppUrl, isTrustedSender } from '../security/policy';

/** The sender must be one of our windows, and within it the top-level frame showing the app. */
function isFromApp(event: IpcMainInvokeEvent, appContents: () => WebContents[]): boolean {
  const frame = event.senderFrame;
  if (frame === null || !appContents().some((contents) => contents.id === event.sender.id)) return false;
  return isTrustedSender(frame.url, frame.parent === null);
}

/** Wires the contract to ipcMain; returns a function that unwires it. */
export function connectCoreToIpc(core: Core, appContents: () => WebContents[]): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, command: unknown, input: unknown) => {
    if (!isFromApp(event, appContents)) {
      console.error(`[tribune] refused a message from ${event.senderFrame?.url ?? 'a closed frame'}`);
      throw new Error('Refused: this message was not sent by the Tribune app');
    }
    if (!isCommandName(command)) return fail('unknown_command', `Unknown command: ${String(command).slice(0, 64)}`);
    return core.handle(command, input);
  });
  const unsubscribe = core.subscribe((event, payload) => {
    for (const contents of appContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(IPC_EVENT_CHANNEL, { event, payload });
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
