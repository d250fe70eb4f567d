// Form components: every field has a visible label, its error right beside it (linked by
// aria-describedby) and keeps what was typed. The error summary lists every error with a
// link to its field.
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n/index.ts';
import { FORM_ERROR, type FieldErrors, type FormValues } from '../platform/forms.ts';
import type { PageContext } from '../platform/page-context.ts';

export interface FormState {
  values: FormValues;
  errors: FieldErrors;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {} });

interface FormProps {
  ctx: PageContext;
  action: string;
  state: FormState;
  children: ComponentChildren;
  multipart?: boolean;
  method?: 'post' | 'get';
  /** Field labels, so the error summary names the fields. */
  labels?: Record<string, string>;
  class?: string;
}

export function Form({ ctx, action, state, children, multipart, method = 'post', labels = {}, class: className }: FormProps) {
  return (
    <form
      method={method}
      action={action}
      enctype={multipart ? 'multipart/form-data' : undefined}
      class={className ?? 'form'}
      noValidate
    >
      <ErrorSummary errors={state.errors} labels={labels} />
      {method === 'post' ? <input type="hidden" name="_csrf" value={ctx.csrfToken()} /> : null}
      {children}
    </form>
  );
}

/**
 * A refused form comes back with this summary first. It takes the focus when the page opens
 * (`autofocus`, no script needed): the next Tab reaches its first link, which leads to the field.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{entries.length === 1 ? t('form.errors_title_one') : t('form.errors_title', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            {field === FORM_ERROR ? (
              message
            ) : (
              <a href={`#champ-${field}`}>
                {labels[field] ? `${labels[field]}\u00a0: ` : ''}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The refusals of a page whose forms are buttons and lists: the messages stand on their own, each once; focused as ErrorSummary is. */
export function MessageSummary({ errors }: { errors?: FieldErrors }) {
  const messages = [...new Set(Object.values(errors ?? {}))];
  if (messages.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{messages.length === 1 ? t('form.errors_title_one') : t('form.errors_title', { count: messages.length })}</h2>
      <ul>
        {messages.map((message) => (
          <li>{message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The message of a field in error, placed above its input and named by its `aria-describedby`
 * (`erreur-<field>`); the hidden prefix tells a screen reader that it is an error. With
 * `alert`, it is read out as soon as the page shows it.
 */
export function FieldError({ field, message, alert }: { field?: string; message: string | undefined; alert?: boolean }) {
  if (!message) return null;
  return (
    <p class="field__error" id={field ? `erreur-${field}` : undefined} role={alert ? 'alert' : undefined}>
      <span class="visually-hidden">{t('form.error_prefix')}</span>
      {message}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  required?: boolean;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined, notice?: string): string | undefined {
  const ids = [hint ? `aide-${name}` : '', notice ? `rappel-${name}` : '', error ? `erreur-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ name, label, state, hint, required, notice, children }: FieldProps & { notice?: string; children: ComponentChildren }) {
  const error = state.errors[name];
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={`champ-${name}`}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p class="field__hint" id={`aide-${name}`}>
          {hint}
        </p>
      ) : null}
      {notice ? (
        <p class="field__notice" id={`rappel-${name}`}>
          {notice}
        </p>
      ) : null}
      <FieldError field={name} message={error} />
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'search' | 'time' | 'url';
    autocomplete?: string;
    inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
    size?: 'short' | 'medium' | 'long';
    defaultValue?: string;
  },
) {
  const { name, state, hint, required, type = 'text', autocomplete, inputMode, size = 'long' } = props;
  const error = state.errors[name];
  const value = type === 'password' ? undefined : (state.values[name] ?? props.defaultValue ?? '');
  return (
    <FieldFrame {...props}>
      <input
        id={`champ-${name}`}
        name={name}
        type={type as 'text'}
        value={value}
        class={`input input--${size}`}
        autocomplete={autocomplete}
        inputMode={inputMode}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; defaultValue?: string }) {
  const { name, state, hint, required, rows = 5 } = props;
  const error = state.errors[name];
  return (
    <FieldFrame {...props}>
      <textarea
        id={`champ-${name}`}
        name={name}
        rows={rows}
        class="input input--long"
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {state.values[name] ?? props.defaultValue ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { options: Array<[value: string, label: string]>; defaultValue?: string; placeholder?: string },
) {
  const { name, state, hint, required, options, placeholder } = props;
  const error = state.errors[name];
  const selected = state.values[name] ?? props.defaultValue ?? '';
  return (
    <FieldFrame {...props}>
      <select
        id={`champ-${name}`}
        name={name}
        class="input input--medium"
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map(([value, label]) => (
          <option value={value} selected={value === selected}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A file to send. A browser never keeps a chosen file when a form comes back with errors,
 * so the field then says so: otherwise the photo would be silently lost.
 */
export function FileField(props: FieldProps & { accept?: string }) {
  const { name, state, hint, required, accept } = props;
  const error = state.errors[name];
  const notice = Object.keys(state.errors).length > 0 ? t('form.file_again') : undefined;
  return (
    <FieldFrame {...props} notice={notice}>
      <input
        id={`champ-${name}`}
        name={name}
        type="file"
        accept={accept}
        class="input input--file"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error, notice)}
        required={required}
      />
    </FieldFrame>
  );
}

export function Checkbox({ name, label, state, hint, defaultChecked }: FieldProps & { defaultChecked?: boolean }) {
  const submitted = Object.keys(state.values).length > 0;
  const checked = submitted ? state.values[name] === 'on' : Boolean(defaultChecked);
  return (
    <div class="field field--checkbox">
      <input
        id={`champ-${name}`}
        name={name}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `aide-${name}` : undefined}
      />
      <label for={`champ-${name}`}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`aide-${name}`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function RadioGroup(
  props: FieldProps & { options: Array<[value: string, label: string]>; defaultValue?: string },
) {
  const { name, label, state, hint, options, required } = props;
  const error = state.errors[name];
  const selected = state.values[name] ?? props.defaultValue ?? '';
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      id={`champ-${name}`}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {hint ? (
        <p class="field__hint" id={`aide-${name}`}>
          {hint}
        </p>
      ) : null}
      <FieldError field={name} message={error} />
      {options.map(([value, optionLabel]) => (
        <div class="radio">
          <input type="radio" id={`champ-${name}-${value}`} name={name} value={value} checked={value === selected} />
          <label for={`champ-${name}-${value}`}>{optionLabel}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function HiddenField({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

export function SubmitButton({ children, secondary }: { children: ComponentChildren; secondary?: boolean }) {
  return (
    <button type="submit" class={secondary ? 'button button--secondary' : 'button'}>
      {children}
    </button>
  );
}

/** A one-button form for an action (delete, disable…), protected by the CSRF token. */
export function ActionButton({ ctx, action, label, danger }: { ctx: PageContext; action: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <button type="submit" class={danger ? 'button button--danger' : 'button button--secondary'}>
        {label}
      </button>
    </form>
  );
}
