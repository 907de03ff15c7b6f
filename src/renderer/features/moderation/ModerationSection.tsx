import { useTranslation } from 'react-i18next';
import { Header, MenuItem, Section } from 'react-aria-components';
import { BellOff, EyeOff, Flag, ShieldBan, Unlink2, UserMinus, VolumeX } from 'lucide-react';
import type { ModerationAction } from '../../../shared/inbox/moderation';

const ICONS: Partial<Record<ModerationAction, typeof Flag>> = {
  hide_reply: EyeOff,
  detach_quote: Unlink2,
  mute_thread: BellOff,
  mute: VolumeX,
  block: ShieldBan,
  remove_follower: UserMinus,
  report: Flag,
};

/** Prefix of a menu key that is a moderation action ("mod:block"). */
export const MODERATION_KEY = 'mod:';

export const moderationKey = (key: string | number): ModerationAction | null => (String(key).startsWith(MODERATION_KEY) ? (String(key).slice(MODERATION_KEY.length) as ModerationAction) : null);

/** The moderation part of a card's or an inbox item's menu (the actions its network allows). */
export function ModerationSection({ choices, handle }: { choices: readonly ModerationAction[]; handle: string }) {
  const { t } = useTranslation();
  if (choices.length === 0) return null;
  return (
    <Section>
      <Header className="menu-header">{t('moderation.menu')}</Header>
      {choices.map((action) => {
        const Icon = ICONS[action] ?? Flag;
        const label = t(`moderation.actions.${action}`, { handle });
        return (
          <MenuItem key={action} id={`${MODERATION_KEY}${action}`} className={`menu-item ${action === 'block' || action === 'report' ? 'menu-item-danger' : ''}`} textValue={label}>
            <Icon size={14} aria-hidden />
            <span>{label}</span>
          </MenuItem>
        );
      })}
    </Section>
  );
}
