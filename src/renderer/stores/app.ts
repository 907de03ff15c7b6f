import { create } from 'zustand';
import type { AppInfo, Settings } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/domain';
import { getClient, type ClientError } from '../client';
import { errorText, t } from '../i18n';
import { useToasts } from './toasts';

interface AppStore {
  info: AppInfo | null;
  settings: Settings;
  loaded: boolean;
  error: ClientError | null;
  load(): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<boolean>;
}

export const useApp = create<AppStore>((set, get) => ({
  info: null,
  settings: DEFAULT_SETTINGS,
  loaded: false,
  error: null,
  async load() {
    const client = getClient();
    const [info, settings] = await Promise.all([client.invoke('app.info', {}), client.invoke('settings.get', {})]);
    const firstLoad = !get().loaded;
    set({
      info: info.ok ? info.value : get().info,
      settings: settings.ok ? settings.value : get().settings,
      loaded: info.ok && settings.ok ? true : get().loaded,
      error: !info.ok ? info.error : !settings.ok ? settings.error : null,
    });
    if (firstLoad && info.ok) {
      for (const notice of info.value.notices) useToasts.getState().show({ message: notice, durationMs: 12_000 });
    }
  },
  async updateSettings(patch) {
    const previous = get().settings;
    set({ settings: { ...previous, ...patch } });
    const result = await getClient().invoke('settings.update', patch);
    if (result.ok) {
      set({ settings: result.value });
      return true;
    }
    set({ settings: previous });
    useToasts.getState().show({ tone: 'error', message: t('settings.saveFailed', { reason: errorText(result.error) }) });
    return false;
  },
}));
