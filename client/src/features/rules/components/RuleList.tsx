import { useRef, useState, type DragEvent } from 'react';
import type { RuleDraft, RuleProblems } from '../rule-draft';
import { MAX_RULES } from '../rule-fields';
import type { RulesEdit } from '../rules-reducer';
import { RuleCard } from './RuleCard';

/**
 * The ordered rule list: the first matching rule that decides wins, so order matters. Reordering is HTML5 drag and
 * drop on each rule's handle, or the rule's Up/Down buttons from the keyboard; either is announced.
 */
export function RuleList({ rules, problemsOf, edit }: { rules: RuleDraft[]; problemsOf: (rule: RuleDraft) => RuleProblems; edit: (edit: RulesEdit) => void }) {
  // The dragged rule's index, in a ref too: dragover fires before React re-renders after dragstart.
  const dragging = useRef<number | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const move = (from: number, to: number) => {
    if (from === to) return;
    edit({ type: 'move-rule', from, to });
    setAnnouncement(`${rules[from].name.trim() || `Rule ${from + 1}`} moved to position ${to + 1} of ${rules.length}.`);
  };
  const arrange = (change: RulesEdit) => {
    if (change.type === 'move-rule') move(change.from, change.to);
    else edit(change);
  };
  const dragProps = (index: number) => ({
    dragging: dragFrom === index,
    dropTarget: dropAt === index && dragFrom !== null && dragFrom !== index,
    onDragStart: (event: DragEvent) => {
      // Firefox starts a drag only with data set; the index itself is kept in state.
      event.dataTransfer?.setData('text/plain', String(index));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      dragging.current = index;
      setDragFrom(index);
    },
    onDragEnd: () => {
      dragging.current = null;
      setDragFrom(null);
      setDropAt(null);
    },
    onDragOver: (event: DragEvent) => {
      if (dragging.current === null) return;
      event.preventDefault();
      if (dropAt !== index) setDropAt(index);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      if (dragging.current !== null) move(dragging.current, index);
      dragging.current = null;
      setDragFrom(null);
      setDropAt(null);
    },
  });

  return (
    <div className="rule-list">
      {rules.length === 0 ? (
        <p className="muted rule-list__empty">No rules: every return goes the usual way and the merchant decides.</p>
      ) : (
        <ol className="rule-list__items" aria-label="Return rules, first match decides">
          {rules.map((rule, index) => (
            <RuleCard key={rule.key} rule={rule} index={index} count={rules.length} problems={problemsOf(rule)} edit={arrange} drag={dragProps(index)} />
          ))}
        </ol>
      )}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="rules-announcement">
        {announcement}
      </p>
      <div>
        <button type="button" className="button button--secondary" disabled={rules.length >= MAX_RULES} onClick={() => edit({ type: 'add-rule' })}>
          Add rule
        </button>
        {rules.length >= MAX_RULES ? <p className="field__hint">A rule set has at most {MAX_RULES} rules.</p> : null}
      </div>
    </div>
  );
}
