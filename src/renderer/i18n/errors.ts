import type { ClientError } from '../client/types';

export interface Translator {
  t(key: string, options?: Record<string, unknown>): string;
  exists(key: string): boolean;
}

/**
 * A sentence for the person: the translated error code, refined by the translated
 * reason of the first invalid field when the core gave one, or the core's own message
 * when the code is unknown to this version of the UI.
 */
export function describeError(error: ClientError, tr: Translator): string {
  const issue = error.issues?.[0]?.message;
  if (issue && tr.exists(`issues.${issue}`)) return tr.t(`issues.${issue}`);
  if (tr.exists(`errors.${error.code}`)) return tr.t(`errors.${error.code}`, error.params);
  return error.message;
}
