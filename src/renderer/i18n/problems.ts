import type { RuleProblem } from '../../shared/rules';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A rule book problem as a sentence: "Partie 2 : texte trop long (312/300 caractères)". */
export function problemMessage(problem: RuleProblem, t: Translate): string {
  const sentence = t(`checks.${problem.code}`, { ...problem.values, count: problem.values?.count ?? 1 });
  return problem.part ? t('checks.inPart', { n: problem.part, sentence }) : sentence;
}
