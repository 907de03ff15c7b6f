import { migration001 } from './001-drafts';
import { migration002 } from './002-accounts-vault';
import { migration003 } from './003-publishing';
import { migration004 } from './004-target-holds';
import { migration005 } from './005-calendar';
import { migration006 } from './006-photo-metadata';
import { migration007 } from './007-remote-deletions';
import { migration008 } from './008-board';
import { migration009 } from './009-inbox';
import { migration010 } from './010-column-continuity';
import { migration011 } from './011-moderation-queue';
import { migration012 } from './012-actor-facts';
import { migration013 } from './013-unread-index';
import { migration014 } from './014-exchange-base-digest';
import type { Migration } from './types';

/** Append-only: add the next numbered file at the end. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014];
export const SCHEMA_VERSION = MIGRATIONS.length;
export type { Migration };
