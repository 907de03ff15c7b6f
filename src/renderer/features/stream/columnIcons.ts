import { AtSign, Bell, CalendarClock, CircleCheckBig, FileText, House, List, Mail, Megaphone, Search, User } from 'lucide-react';
import type { ColumnType } from '../../../shared/board/schemas';

export const COLUMN_ICONS: Record<ColumnType, typeof House> = {
  home: House,
  notifications: Bell,
  mentions: AtSign,
  direct: Mail,
  search: Search,
  list: List,
  profile: User,
  own_posts: Megaphone,
  drafts: FileText,
  scheduled: CalendarClock,
  sent: CircleCheckBig,
};
