import type { ApiHandlers } from '../../shared/api/contract.js';

/** The part of Electron's dialog and BrowserWindow that the folder picker needs (injected for tests). */
export interface DialogLike {
  showOpenDialog(window: unknown, options: { title?: string; defaultPath?: string; properties: Array<'openDirectory' | 'createDirectory'> }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** `pickFolder` for the Electron host: the system's folder dialog, attached to the focused window. */
export function electronPickFolder(dialog: DialogLike, focusedWindow: () => unknown): ApiHandlers['pickFolder'] {
  return async (input) => {
    const options = { title: input.title, defaultPath: input.defaultPath, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
    const r = await dialog.showOpenDialog(focusedWindow() ?? undefined, options);
    return { supported: true, path: r.canceled ? null : (r.filePaths[0] ?? null) };
  };
}
