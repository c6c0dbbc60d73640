import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** The page's building blocks; each gives its control a stable accessible name. */

/** A titled region: `getByRole('region', { name: title })`. */
export function Section(props: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A text field whose label is its accessible name: `getByLabel(label)`. */
export function Field(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete?: 'email' | 'tel';
  maxLength?: number;
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="text"
        autoComplete={props.autoComplete ?? 'off'}
        value={props.value}
        maxLength={props.maxLength ?? 100}
        onInput={(event) => props.onInput((event.target as HTMLInputElement).value)}
      />
    </label>
  );
}

/** A button named by its text, or by `name` where the text alone would repeat (table rows). */
export function Action(props: { children: ComponentChildren; onClick: () => void; disabled: boolean; name?: string }) {
  return (
    <button type="button" aria-label={props.name} disabled={props.disabled} onClick={props.onClick}>
      {props.children}
    </button>
  );
}

/** A table with a header row; `empty` stands in for no rows. */
export function Table(props: { caption?: string; columns: string[]; empty: string; rows: ComponentChildren[] }) {
  return (
    <table>
      {props.caption && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((column, i) => (
            <th key={i} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length > 0 ? (
          props.rows
        ) : (
          <tr>
            <td colSpan={props.columns.length}>{props.empty}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** A row's "Revoke" button, named after what it revokes. */
export function RevokeCell(props: { name: string; onClick: () => void; disabled: boolean }) {
  return (
    <td>
      <Action disabled={props.disabled} name={props.name} onClick={props.onClick}>
        Revoke
      </Action>
    </td>
  );
}
