import { useEffect } from 'react';
import { getClient } from '../client';
import { i18n, resolveLanguage, systemLanguageOf } from '../i18n';
import { useApp } from '../stores/app';
import { loadWorkspaceData } from '../stores/sync';
import { useWorkspaces } from '../stores/workspaces';
import { listenForReplans } from './publishing/replanNotice';
import { useGlobalShortcuts } from './shortcuts/useGlobalShortcuts';

const browserLocales = (): readonly string[] => (navigator.languages?.length ? navigator.languages : [navigator.language]);

/** The language the UI speaks: settings.language, else the system's (the browser's in a browser, the OS's on desktop). */
export function useUiLanguage() {
  const languageSetting = useApp((s) => s.settings.language);
  const host = useApp((s) => s.info?.host);
  const coreLanguage = useApp((s) => s.info?.systemLanguage);
  return resolveLanguage(languageSetting, systemLanguageOf(host ?? getClient().host, coreLanguage, browserLocales()));
}

/** Keeps the document in step with the settings: language, theme; loads the selected workspace. */
export function AppEffects() {
  const theme = useApp((s) => s.settings.theme);
  const selectedId = useWorkspaces((s) => s.selectedId);
  const language = useUiLanguage();

  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);

  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    if (selectedId) loadWorkspaceData(selectedId);
  }, [selectedId]);

  useEffect(() => listenForReplans(), []);

  useGlobalShortcuts();
  return null;
}
