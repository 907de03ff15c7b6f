/**
 * Tells the core when the page sees the network come and go (the browser's online/offline
 * events, in Electron's window and in the web host's page alike): posts that waited for the
 * connection go at once instead of at the next minute's probe.
 */
export function reportNetworkChanges(page: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>, report: (online: boolean) => void): () => void {
  const online = () => report(true);
  const offline = () => report(false);
  page.addEventListener('online', online);
  page.addEventListener('offline', offline);
  return () => {
    page.removeEventListener('online', online);
    page.removeEventListener('offline', offline);
  };
}
