/** Error codes of the board (columns, streams, actions); the renderer translates them (errors.* keys). */
export const BOARD_ERROR_CODES = [
  'board_not_found',
  'board_other_workspace',
  'column_id_taken',
  'column_other_workspace', // a column cannot move to a board of another workspace
  'column_not_found',
  'item_not_found',
  'gap_not_found', // the gap was filled meanwhile
  'column_needs_account', // a network column needs one of the workspace's accounts
  'column_account_other_workspace', // the account belongs to another workspace
  'column_query_required', // search needs words or a tag; profile a handle; list a list (params: field)
  'column_unsupported', // this network cannot show this column type (params: network, type)
  'board_last_one', // a workspace keeps at least one board
  'board_rate_limited', // the network asked to slow down (params: retryAt)
  'board_server_error', // the network answered with an error (params: status)
  'action_refused', // the network refused the action; the card went back (params: action)
  'action_not_allowed', // e.g. delete a post that is not the account's own (params: action)
  'action_unsupported', // bookmarks on Bluesky (params: action, network)
  'sent_post_not_published', // "View the post" on a target that has not gone out yet
  'chat_not_allowed', // the Bluesky app password does not give access to direct messages (reconnect with one that does)
  'message_refused', // the chat service refused the message
] as const;
export type BoardErrorCode = (typeof BOARD_ERROR_CODES)[number];
