import { useT } from "~/i18n/react";

/**
 * The short meeting code a member types from the projector screen to check in: on the
 * meeting's phone view and on /m. Large, uppercase, never autocompleted.
 */
export function MeetingCodeField({ hint, error, value, required }: { hint: string; error?: string; value?: string; required?: boolean }) {
  const t = useT();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor="code">{t("meetings.phone.code")}</label>
      <p className="hint" id="code-hint">
        {hint}
      </p>
      <input
        id="code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={20}
        className="code-input"
        required={required}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "code-hint code-error" : "code-hint"}
      />
      {error ? (
        <p className="field-error" id="code-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
