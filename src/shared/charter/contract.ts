/**
 * The charter editor's part of the contract (spread into contract.ts): one rule saved (added or
 * changed in place), switched on or off, or deleted. Each answers the whole charter; cached items
 * are checked again, as with charter.save.
 */
import { z } from 'zod';
import { Id } from '../domain';
import { Charter, CharterRule } from './schema';

const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const charterEditorCommands = {
  /** Adds the rule (a new id goes last) or replaces the one with its id, where it is; refused like charter.save (charter_rule_refused). */
  'charter.saveRule': command(z.object({ workspaceId: Id, rule: CharterRule }).strict(), Charter),
  /** Switches a rule on or off without losing it (charter_rule_not_found). */
  'charter.setRuleEnabled': command(z.object({ workspaceId: Id, ruleId: z.string().min(1).max(64), enabled: z.boolean() }).strict(), Charter),
  /** Removes a rule and the flags it set (charter_rule_not_found). */
  'charter.deleteRule': command(z.object({ workspaceId: Id, ruleId: z.string().min(1).max(64) }).strict(), Charter),
} as const;
