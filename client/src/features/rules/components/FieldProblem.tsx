/** What is wrong with one input, announced and tied to it (aria-describedby). */
export function FieldProblem({ id, problem }: { id: string; problem?: string }) {
  return problem ? (
    <p id={`${id}-error`} className="field__error" data-testid="rule-problem">
      {problem}
    </p>
  ) : null;
}

/** The input's side of it: invalid, and described by its problem. Fieldsets take no aria-invalid (`invalid` false). */
export function problemProps(id: string, problem: string | undefined, invalid = true) {
  if (!problem) return {};
  return invalid ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : { 'aria-describedby': `${id}-error` };
}
