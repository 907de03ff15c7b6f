/** The board's command and event names, without zod (the preload bundles contract-names.ts). */
export const BOARD_COMMAND_NAMES = [
  'board.list',
  'board.save',
  'board.delete',
  'board.unread',
  'board.unreadAll',
  'board.getRetention',
  'board.setRetention',
  'column.add',
  'column.remove',
  'column.move',
  'column.update',
  'column.page',
  'column.refresh',
  'column.fillGap',
  'column.markRead',
  'column.preview',
  'item.act',
  'item.thread',
  'item.ofSentPost',
  'item.sendMessage',
  'item.conversation',
] as const;

export const BOARD_EVENT_NAMES = ['board.changed', 'column.changed', 'items.changed', 'column.notify', 'board.focus'] as const;
