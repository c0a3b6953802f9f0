import { useEffect, useRef } from 'react';
import type { RuleSet_ReturnRulesFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/dates';
import { useRulesWorkspace } from '../hooks/useRulesWorkspace';
import { RuleList } from './RuleList';
import { SimulatorPanel } from './SimulatorPanel';

function VersionLine({ ruleSet }: { ruleSet: RuleSet_ReturnRulesFragment }) {
  if (ruleSet.isDefault) return <p className="muted" data-testid="rules-version">Your return policy’s numbers as rules (never edited). Saving makes them your own.</p>;
  return (
    <p className="muted" data-testid="rules-version">
      Version {ruleSet.version}
      {ruleSet.updatedAt ? `, saved ${formatDateTime(ruleSet.updatedAt)}` : ''}
      {ruleSet.updatedBy ? ` by ${ruleSet.updatedBy}` : ''}.
    </p>
  );
}

/** The editor and the simulator side by side (stacked on a phone) for one loaded rule set. */
export function RulesWorkspace({ merchantId, ruleSet, onSaved, onReload }: {
  merchantId: string;
  ruleSet: RuleSet_ReturnRulesFragment;
  onSaved: (saved: RuleSet_ReturnRulesFragment) => void;
  onReload: () => void;
}) {
  const w = useRulesWorkspace(merchantId, ruleSet, onSaved);
  const editor = useRef<HTMLElement>(null);
  // After a refused simulation or save, the first marked field takes the focus (it may be far up a long list).
  useEffect(() => {
    if (w.refusedAttempts > 0) editor.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby] input')?.focus();
  }, [w.refusedAttempts]);
  return (
    <div className="rules-workspace">
      <section ref={editor} className="rules-workspace__editor" aria-labelledby="rules-editor-title">
        <div className="rules-workspace__intro">
          <h2 id="rules-editor-title" className="rules-workspace__title">
            Rules, in order
          </h2>
          <VersionLine ruleSet={ruleSet} />
          <p className="field__hint">Each returned item is checked against the rules from the top: the first matching rule that decides (approve, review, refuse) wins; the other actions of every matching rule add up.</p>
        </div>
        {w.conflict ? (
          <div className="alert alert--warning" role="alert" data-testid="rules-conflict">
            <p className="alert__title">Someone else saved these rules after you opened them.</p>
            <p>{w.conflict} Reloading shows their version; the edits you made here are dropped.</p>
            <div className="alert__actions">
              <button type="button" className="button button--secondary" onClick={onReload}>
                Reload the current rules
              </button>
            </div>
          </div>
        ) : null}
        <RuleList rules={w.rules} problemsOf={w.problemsOf} edit={w.edit} />
      </section>
      <aside className="rules-workspace__simulator" aria-label="Simulator">
        <SimulatorPanel
          simulation={w.simulation}
          isCurrent={w.simulationIsCurrent}
          simulating={w.simulating}
          simulate={w.simulate}
          backgroundJob={w.backgroundJob}
          backgroundIsCurrent={w.backgroundIsCurrent}
          problem={w.otherProblem}
          canSave={w.canSave}
          saving={w.saving}
          onSave={w.saveRules}
          saveBlocked={w.saveBlocked}
        />
      </aside>
    </div>
  );
}
