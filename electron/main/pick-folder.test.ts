import { describe, expect, it, vi } from 'vitest';
import { electronPickFolder } from './pick-folder.js';

describe('pickFolder in the Electron host', () => {
  it('opens the system folder dialog on the focused window and returns the chosen folder, or null when cancelled', async () => {
    const win = { id: 7 };
    const showOpenDialog = vi.fn()
      .mockResolvedValueOnce({ canceled: false, filePaths: ['D:\\SD\\ComfyUI 整合包'] })
      .mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const pick = electronPickFolder({ showOpenDialog }, () => win);
    expect(await pick({ title: 'Offline wheel folder', defaultPath: 'D:\\' })).toEqual({ supported: true, path: 'D:\\SD\\ComfyUI 整合包' });
    expect(showOpenDialog).toHaveBeenCalledWith(win, { title: 'Offline wheel folder', defaultPath: 'D:\\', properties: ['openDirectory', 'createDirectory'] });
    expect(await pick({})).toEqual({ supported: true, path: null });
  });
});
