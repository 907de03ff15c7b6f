/** The charter editor's command names and error codes (no schema here: the preload and result.ts read them). */
export const CHARTER_EDITOR_COMMAND_NAMES = ['charter.saveRule', 'charter.setRuleEnabled', 'charter.deleteRule'] as const;

/** Error codes of the charter editor; the renderer translates them (errors.* keys). */
export const CHARTER_EDITOR_ERROR_CODES = [
  'charter_rule_not_found', // the rule was deleted meanwhile (params: ruleId)
] as const;
