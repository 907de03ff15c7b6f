/** Error codes of the inbox, the charter and moderation; the renderer translates them (errors.* keys). */
export const INBOX_ERROR_CODES = [
  'charter_rule_refused', // a rule cannot be saved (params: rule, reason: regex_invalid | regex_nested_quantifier | regex_backreference | duplicate_id)
  'charter_file_invalid', // a charter file does not parse; nothing was imported (params: line, reason)
  'inbox_item_not_found', // the inbox item is gone (its account was removed)
  'inbox_snooze_in_past', // a snooze needs a time in the future
  'saved_reply_not_found',
  'person_not_found', // nobody by that id in the cache
  'moderation_not_allowed', // e.g. hiding a reply on a thread the account does not own (params: action)
  'moderation_unsupported', // this network cannot do this action (params: action, network)
  'moderation_refused', // the network refused; the item stays as it was; the message is the server's words (params: action)
] as const;
export type InboxErrorCode = (typeof INBOX_ERROR_CODES)[number];
