/** The inbox's command and event names (contract-names.ts spreads them; contract.ts checks them against the schemas). */
export const INBOX_COMMAND_NAMES = [
  'charter.get',
  'charter.save',
  'charter.test',
  'charter.export',
  'charter.import',
  'inbox.list',
  'inbox.counts',
  'inbox.setState',
  'inbox.restore',
  'inbox.getSettings',
  'inbox.setSettings',
  'inbox.responseTimes',
  'reply.list',
  'reply.save',
  'reply.delete',
  'person.history',
  'person.setNote',
  'audit.list',
  'audit.exportCsv',
  'moderation.act',
] as const;
export const INBOX_EVENT_NAMES = ['inbox.changed'] as const;
