import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuTrigger, Popover } from 'react-aria-components';
import { Ellipsis } from 'lucide-react';
import type { InboxEntry } from '../../../shared/inbox/schemas';
import { atHandle } from '../../components/AccountAvatar';
import { moderationChoices } from '../../model/moderation/choices';
import { ModerationSection, moderationKey } from '../moderation/ModerationSection';
import { moderateEntry, moderationSubject } from './inboxActions';

/** An inbox item's menu: the moderation its network allows, as the item's account (for a new follower, what is done to a person). */
export function InboxItemMenu({ workspaceId, entry, focused }: { workspaceId: string; entry: InboxEntry; focused: boolean }) {
  const { t } = useTranslation();
  const choices = moderationChoices(moderationSubject(entry));
  if (choices.length === 0) return null;
  const handle = atHandle(entry.actor.handle);
  return (
    <MenuTrigger>
      <Button className="btn btn-ghost btn-icon inbox-menu" aria-label={t('moderation.itemMenu', { handle })} excludeFromTabOrder={!focused}>
        <Ellipsis size={16} aria-hidden />
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu
          className="menu"
          onAction={(key) => {
            const action = moderationKey(key);
            if (action) moderateEntry(workspaceId, entry, action);
          }}
        >
          <ModerationSection choices={choices} handle={handle} />
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
