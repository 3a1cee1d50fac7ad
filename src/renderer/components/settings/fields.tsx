// Form controls bound to a path in the devices draft. Each reads and writes the draft through
// context, shows its label, and turns red when the core's last save named its path.
import { createContext, useContext, useState, type ReactNode } from 'react';
import { getAt, isFlagged, numberText, parseNumber, type DevicesDraft, type SectionName } from './draft.js';

export interface DraftForm {
  draft: DevicesDraft;
  /** Sets a dotted path; undefined removes the key so the core's default applies. */
  set(path: string, value: unknown): void;
  switchKind(section: SectionName, kind: string): void;
  /** Paths named by the last failed save. */
  flagged: readonly string[];
}

const FormContext = createContext<DraftForm | null>(null);
export const DraftFormProvider = FormContext.Provider;

export function useDraftForm(): DraftForm {
  const form = useContext(FormContext);
  if (!form) throw new Error('DraftFormProvider is missing above this field');
  return form;
}

/** Id and test id of the input for a path, so labels and tests find it the same way. */
export const fieldId = (path: string) => `dev-${path.replace(/\./g, '-')}`;

interface RowProps {
  path: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
}

function Row({ path, label, hint, children }: RowProps) {
  const { flagged } = useDraftForm();
  const bad = isFlagged(flagged, path);
  return (
    <div className={bad ? 'field invalid' : 'field'} data-testid={`row-${path}`} data-invalid={bad}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {children}
      {hint ? <small className="field-hint">{hint}</small> : null}
    </div>
  );
}

function useBinding(path: string) {
  const form = useDraftForm();
  return {
    value: getAt(form.draft, path),
    set: (v: unknown) => form.set(path, v),
    invalid: isFlagged(form.flagged, path),
    id: fieldId(path),
  };
}

interface InputProps {
  path: string;
  label: string;
  placeholder?: string;
  hint?: ReactNode;
  /** Id of a <datalist> of common values (baud rates, interface examples). */
  list?: string;
}

export function TextField({ path, label, placeholder, hint, list }: InputProps) {
  const b = useBinding(path);
  return (
    <Row path={path} label={label} hint={hint}>
      <input
        id={b.id}
        data-testid={`field-${path}`}
        type="text"
        value={typeof b.value === 'string' ? b.value : numberText(b.value)}
        placeholder={placeholder}
        list={list}
        aria-invalid={b.invalid}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => b.set(e.target.value === '' ? undefined : e.target.value)}
      />
    </Row>
  );
}

export function NumberField({ path, label, placeholder, hint, list }: InputProps) {
  const b = useBinding(path);
  // Local text, so "1." or "-" can be typed on the way to 1.5 or -3 without the draft's number
  // rewriting the box. When the draft changes under it (load, revert, save) to a value the text
  // does not already say, the text follows; adjusted during render so no stale frame is shown.
  const [local, setLocal] = useState({ text: numberText(b.value), value: b.value });
  let text = local.text;
  if (local.value !== b.value) {
    text = parseNumber(local.text) === b.value ? local.text : numberText(b.value);
    setLocal({ text, value: b.value });
  }
  return (
    <Row path={path} label={label} hint={hint}>
      <input
        id={b.id}
        data-testid={`field-${path}`}
        type="text"
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        list={list}
        aria-invalid={b.invalid}
        autoComplete="off"
        onChange={(e) => {
          const value = parseNumber(e.target.value);
          setLocal({ text: e.target.value, value });
          b.set(value);
        }}
      />
    </Row>
  );
}

export interface Option {
  value: string | number | boolean;
  label: string;
}

interface SelectProps {
  path: string;
  label: string;
  options: readonly Option[];
  /** Label of an empty choice that removes the key (the default applies); none: a value is required. */
  emptyLabel?: string;
  hint?: ReactNode;
  onSelect?: (value: Option['value']) => void;
}

export function SelectField({ path, label, options, emptyLabel, hint, onSelect }: SelectProps) {
  const b = useBinding(path);
  const current = numberText(b.value);
  const known = current === '' || options.some((o) => String(o.value) === current);
  return (
    <Row path={path} label={label} hint={hint}>
      <select
        id={b.id}
        data-testid={`field-${path}`}
        value={current}
        aria-invalid={b.invalid}
        onChange={(e) => {
          // Option values are strings in the DOM; send the option's own value (203, not "203").
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (onSelect && picked) onSelect(picked.value);
          else b.set(picked ? picked.value : undefined);
        }}
      >
        {emptyLabel !== undefined || current === '' ? <option value="">{emptyLabel ?? '—'}</option> : null}
        {/* A value from the file the form has no option for stays visible rather than vanishing. */}
        {known ? null : <option value={current}>{current}</option>}
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Row>
  );
}

export function CheckField({
  path,
  label,
  fallback,
  hint,
}: {
  path: string;
  label: string;
  fallback: boolean;
  hint?: ReactNode;
}) {
  const b = useBinding(path);
  const checked = typeof b.value === 'boolean' ? b.value : fallback;
  return (
    <div
      className={b.invalid ? 'field check invalid' : 'field check'}
      data-testid={`row-${path}`}
      data-invalid={b.invalid}
    >
      <label>
        <input
          id={b.id}
          data-testid={`field-${path}`}
          type="checkbox"
          checked={checked}
          aria-invalid={b.invalid}
          onChange={(e) => b.set(e.target.checked)}
        />{' '}
        {label}
      </label>
      {hint ? <small className="field-hint">{hint}</small> : null}
    </div>
  );
}
