import type { ReactNode } from "react";
import { useT } from "~/i18n/react";

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  defaultValue?: string | number;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  min?: number;
  max?: number;
  step?: number | string;
  placeholder?: string;
  maxLength?: number;
  /** Set when a page has two forms with a field of the same name: ids must be unique on a page. */
  idPrefix?: string;
};

function fieldId(name: string, prefix = "") {
  return `f-${prefix}${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
}

/** The ids, error and aria-describedby every labelled control shares. */
function fieldParts(name: string, hint: string | undefined, errors: Record<string, string> | undefined, prefix?: string) {
  const id = fieldId(name, prefix);
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, error, describedBy };
}

export function ErrorText({ id, message }: { id: string; message?: string }) {
  const t = useT();
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {t(message)}
    </p>
  );
}

/** A labelled input with its hint and its error right beside it (kept after a failed submit). */
export function Field({ name, label, type = "text", errors, values, defaultValue, hint, idPrefix, ...rest }: FieldProps) {
  const { id, error, describedBy } = fieldParts(name, hint, errors, idPrefix);
  const value = values?.[name] ?? (defaultValue === undefined ? undefined : String(defaultValue));
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} type={type} defaultValue={type === "password" ? undefined : value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextArea({ name, label, errors, values, defaultValue, hint, rows = 4, maxLength, idPrefix }: FieldProps & { rows?: number }) {
  const { id, error, describedBy } = fieldParts(name, hint, errors, idPrefix);
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={rows} maxLength={maxLength} defaultValue={values?.[name] ?? (defaultValue === undefined ? undefined : String(defaultValue))} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function Select({
  name,
  label,
  options,
  errors,
  values,
  defaultValue,
  hint,
  idPrefix,
}: FieldProps & { options: Array<{ value: string; label: string }> }) {
  const { id, error, describedBy } = fieldParts(name, hint, errors, idPrefix);
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select id={id} name={name} defaultValue={values?.[name] ?? (defaultValue === undefined ? undefined : String(defaultValue))} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked?: boolean; hint?: string }) {
  const id = fieldId(name);
  return (
    <div className="field checkbox">
      <input type="checkbox" id={id} name={name} defaultChecked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message (e.g. "wrong username or password") announced to screen readers. */
export function FormError({ message }: { message?: string }) {
  const t = useT();
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {t(message)}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}
