/**
 * Shared set-up of the end-to-end specs that run against the Mastodon stand-in: one server per
 * spec file, and after the file's tests every request and answer it saw must have matched the
 * Mastodon OpenAPI description.
 */
import { startMastodonStandIn, type MastodonStandIn, type MastodonStandInOptions } from '../../helpers/mastodon';
import { test } from '../fixtures';

/** The stand-in, started before the file's tests (`.server` is set in beforeAll). */
export function useMastodonStandIn(options: MastodonStandInOptions = {}): { server: MastodonStandIn } {
  const holder = {} as { server: MastodonStandIn };
  test.beforeAll(async () => {
    holder.server = await startMastodonStandIn({ mediaProcessingPolls: 0, ...options });
  });
  test.afterAll(async () => {
    await holder.server?.close();
    holder.server?.assertNoViolations();
  });
  return holder;
}
