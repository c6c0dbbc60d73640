import type { ComponentChildren } from 'preact';
import { shortId } from '../format.ts';

export interface Field {
  label: string;
  value: ComponentChildren;
  emphasis?: boolean;
  /** An id or key (a string): monospace, shortened, the whole value in a tooltip. */
  id?: boolean;
  /** What to notice about how the value is written (a look-alike letter, punycode, hidden characters). */
  notes?: string[];
}

/** Label/value pairs in a card (what is signed, which session signs it). */
export function FieldList({ fields, label }: { fields: Field[]; label?: string }) {
  return (
    <dl class="fields" aria-label={label}>
      {fields.map((field) => (
        <div key={field.label} class={`fields__row${field.emphasis ? ' fields__row--emphasis' : ''}`}>
          <dt>{field.label}</dt>
          <dd class={field.id ? 'mono' : undefined} title={field.id ? String(field.value) : undefined}>
            {field.id ? shortId(String(field.value)) : field.value}
            {field.notes?.map((note) => (
              <span key={note} class="fields__note">
                {note}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
