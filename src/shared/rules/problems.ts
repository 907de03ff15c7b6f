/**
 * Why a target cannot go (or deserves a look), as data: a code with its parameters. The core and
 * the renderer compute them with the same checker (check.ts); the renderer translates each code
 * (i18n `checks.<code>`); no reason ever travels or is compared as text.
 */
import { z } from 'zod';
import { Id } from '../domain';

export const PROBLEM_CODES = [
  'empty',
  'text_over',
  'bytes_over',
  'too_many_images',
  'alt_missing',
  'alt_required',
  'alt_too_long',
  'media_type',
  'media_missing',
  'threads_unsupported',
  'cw_unsupported',
  'poll_unsupported',
  'poll_with_images',
  'poll_too_many_options',
  'poll_incomplete',
  'visibility_unsupported',
  'reconnect_needed',
  'account_removed',
] as const;
export const ProblemCode = z.enum(PROBLEM_CODES);
export type ProblemCode = z.infer<typeof ProblemCode>;

export const ProblemSeverity = z.enum(['block', 'warning']);
export type ProblemSeverity = z.infer<typeof ProblemSeverity>;

export const RuleProblem = z.object({
  code: ProblemCode,
  /** block: the target cannot go as it is; warning: it can, but something deserves a look. */
  severity: ProblemSeverity,
  /** 1-based post of the thread the problem is about, when it is about one. */
  part: z.number().int().positive().optional(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RuleProblem = z.infer<typeof RuleProblem>;

/** One account's problems with a post, as the core reports them (post.validate, blocked targets). */
export const TargetProblem = z.object({ accountId: Id, problems: z.array(RuleProblem) });
export type TargetProblem = z.infer<typeof TargetProblem>;

export const isBlocking = (problems: readonly RuleProblem[]): boolean => problems.some((p) => p.severity === 'block');
