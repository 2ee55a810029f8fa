import { diffWords } from 'diff';
import type { ItemContent } from './revisions.service.js';

/** A run of text in a comparison: unchanged, added or removed. Shown escaped, never as markup. */
export interface DiffPart {
  value: string;
  kind: 'same' | 'added' | 'removed';
}

/** One field of an item (notes, key points…) compared. */
export interface DiffSection {
  /** Message key of the field's name. */
  label: string;
  changed: boolean;
  parts: DiffPart[];
}

// Words as ICU segments them, so Chinese text is compared by words rather than as one long "word".
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const listText = (entries: readonly string[]) => entries.map((entry) => `• ${entry}`).join('\n');

/** The action items as lines of text; department names come from the caller. */
function actionsText(content: ItemContent, departmentName: (id: string) => string): string {
  return content.actions
    .map((a) => [a.text, a.departmentId ? departmentName(a.departmentId) : '', a.dueDate ? a.dueDate.toISOString().slice(0, 10) : ''].filter(Boolean).join(' · '))
    .map((line) => `• ${line}`)
    .join('\n');
}

function section(label: string, before: string, after: string): DiffSection {
  const parts = diffWords(before, after, { intlSegmenter: segmenter }).map((change) => ({ value: change.value, kind: change.added ? 'added' : change.removed ? 'removed' : 'same' }) as DiffPart);
  return { label, changed: before !== after, parts };
}

/** A readable comparison of two versions of an item, field by field. */
export function compareContent(before: ItemContent, after: ItemContent, departmentName: (id: string) => string): DiffSection[] {
  return [
    section('minutes.notes', before.notes, after.notes),
    section('minutes.keyPoints', listText(before.keyPoints), listText(after.keyPoints)),
    section('minutes.decisions', listText(before.decisions), listText(after.decisions)),
    section('minutes.actions', actionsText(before, departmentName), actionsText(after, departmentName)),
  ];
}
