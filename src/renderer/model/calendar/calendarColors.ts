/** Colours of the calendar's posts: per account (a stable colour from its id) or per campaign. Pure. */
import { WORKSPACE_COLORS } from '../../../shared/domain';

const NEUTRAL = '#64748b';

/** The same account always gets the same colour of the workspace palette. */
export function accountColor(accountId: string): string {
  let hash = 0;
  for (let i = 0; i < accountId.length; i++) hash = (hash * 31 + accountId.charCodeAt(i)) >>> 0;
  return WORKSPACE_COLORS[hash % WORKSPACE_COLORS.length]!;
}

export function itemColor(
  item: { targets: readonly { accountId: string }[]; campaignId: string | null },
  colorBy: 'account' | 'campaign',
  campaignColors: ReadonlyMap<string, string>,
): string {
  if (colorBy === 'campaign') return (item.campaignId && campaignColors.get(item.campaignId)) || NEUTRAL;
  const first = item.targets[0];
  return first ? accountColor(first.accountId) : NEUTRAL;
}
