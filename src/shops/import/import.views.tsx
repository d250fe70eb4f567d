// The pages of a shop-list import: the upload, then the column mapping with its preview, the
// rows to correct and the confirmation. Every step is a plain form: no JavaScript needed.
import { t } from '../../platform/i18n/index.ts';
import type { PageContext } from '../../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../../platform/paths.ts';
import { ErrorSummary, FileField, Form, HiddenField, SelectField, SubmitButton, type FormState } from '../../ui/forms.tsx';
import { Page } from '../../ui/layout.tsx';
import { formatSiret } from '../shops.rules.ts';
import { DIRECTORY_PATH, IMPORT_SHOPS_PATH, shopImportPath } from '../shops.paths.ts';
import { stageLabel } from '../shops.views.tsx';
import { IMPORT_FIELDS, PREVIEW_ROWS, type ImportField, type RowVerdict, type ShopDraft } from './import.rules.ts';
import type { ImportPreview } from './import.service.ts';

function trail(last?: string): Array<[string, string?]> {
  return [[t('shops.trail.backoffice'), BACKOFFICE_PATH], [t('shops.trail.directory'), DIRECTORY_PATH], [last ?? t('shop_import.trail')]];
}

export function fieldLabel(field: ImportField): string {
  const labels: Record<ImportField, string> = {
    trade_name: t('shop_import.field.trade_name'),
    legal_name: t('shop_import.field.legal_name'),
    siret: t('shop_import.field.siret'),
    address_line: t('shop_import.field.address_line'),
    postal_code: t('shop_import.field.postal_code'),
    city: t('shop_import.field.city'),
    phone: t('shop_import.field.phone'),
    email: t('shop_import.field.email'),
    category: t('shop_import.field.category'),
  };
  return labels[field];
}

export function UploadPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  const title = t('shop_import.title');
  return (
    <Page ctx={ctx} title={title} trail={trail()} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('shop_import.intro')}</p>
      <h2>{t('shop_import.rules_title')}</h2>
      <ul>
        <li>{t('shop_import.rule_columns')}</li>
        <li>{t('shop_import.rule_required')}</li>
        <li>{t('shop_import.rule_known')}</li>
        <li>{t('shop_import.rule_stage', { stage: stageLabel('prospect') })}</li>
      </ul>
      <Form ctx={ctx} action={IMPORT_SHOPS_PATH} state={state} multipart labels={{ file: t('shop_import.file') }}>
        <FileField name="file" label={t('shop_import.file')} hint={t('shop_import.file_hint')} state={state} accept=".csv,.txt,text/csv" required />
        <SubmitButton>{t('shop_import.upload')}</SubmitButton>
      </Form>
    </Page>
  );
}

/** The GET form that changes the mapping: it writes nothing, so it can be tried freely. */
function MappingForm({ ctx, preview }: { ctx: PageContext; preview: ImportPreview }) {
  const columns: Array<[string, string]> = [['', t('shop_import.column_none')], ...preview.header.map((name, index): [string, string] => [String(index), name || `${index + 1}`])];
  const values = { ...mappingValues(preview), categorie_defaut: preview.defaultCategory };
  const state = { values, errors: {} };
  return (
    <section aria-labelledby="colonnes">
      <h2 id="colonnes">{t('shop_import.mapping_title')}</h2>
      <p>{t('shop_import.mapping_hint')}</p>
      <Form ctx={ctx} action={shopImportPath(preview.file.id)} state={state} method="get">
        {IMPORT_FIELDS.map((field) => (
          <SelectField name={`col_${field}`} label={fieldLabel(field)} state={state} options={columns} />
        ))}
        <SelectField name="categorie_defaut" label={t('shop_import.default_category')} state={state} options={preview.categories.map(({ code, label }): [string, string] => [code, label])} />
        <SubmitButton secondary>{t('shop_import.mapping_submit')}</SubmitButton>
      </Form>
    </section>
  );
}

/** The mapping as the selects send it: `col_siret=2`. */
export function mappingValues(preview: ImportPreview): Record<string, string> {
  return Object.fromEntries(IMPORT_FIELDS.map((field) => [`col_${field}`, preview.mapping[field] === null ? '' : String(preview.mapping[field])]));
}

function Missing({ preview }: { preview: ImportPreview }) {
  if (preview.missing.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="manquantes">
      <h2 id="manquantes">{t('shop_import.missing_title')}</h2>
      <ul>
        {preview.missing.map((field) => (
          <li>{t('shop_import.missing_line', { what: field === 'name' ? t('shop_import.missing_name') : fieldLabel(field) })}</li>
        ))}
      </ul>
    </div>
  );
}

function SampleTable({ preview }: { preview: ImportPreview }) {
  const drafts = preview.verdicts.filter((verdict): verdict is Extract<RowVerdict, { draft: ShopDraft }> => verdict.kind !== 'bad').slice(0, PREVIEW_ROWS);
  if (drafts.length === 0) return null;
  const labels = new Map(preview.categories.map((category) => [category.code, category.label]));
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('shop_import.sample_title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('shop_import.line')}</th>
            <th scope="col">{fieldLabel('trade_name')}</th>
            <th scope="col">{fieldLabel('siret')}</th>
            <th scope="col">{fieldLabel('address_line')}</th>
            <th scope="col">{fieldLabel('phone')}</th>
            <th scope="col">{fieldLabel('category')}</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map(({ line, draft, kind }) => (
            <tr>
              <td>{line}</td>
              <th scope="row">
                {draft.tradeName}
                {draft.legalName !== draft.tradeName ? <span class="muted block">{draft.legalName}</span> : null}
                {kind === 'known' ? <span class="badge block">{t('shop_import.known_title')}</span> : null}
              </th>
              <td class="nowrap">{formatSiret(draft.siret)}</td>
              <td>
                {draft.addressLine}, {draft.postalCode} {draft.city}
              </td>
              <td class="nowrap">{draft.phone ?? ''}</td>
              <td>{labels.get(draft.categoryCode)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BadRows({ verdicts }: { verdicts: RowVerdict[] }) {
  const bad = verdicts.filter((verdict): verdict is Extract<RowVerdict, { kind: 'bad' }> => verdict.kind === 'bad');
  if (bad.length === 0) return null;
  return (
    <section aria-labelledby="a-corriger" class="error-summary">
      <h2 id="a-corriger">{t('shop_import.bad_title')}</h2>
      <p>{t('shop_import.bad_intro')}</p>
      <ul>
        {bad.map(({ line, reasons }) => (
          <li>{t('shop_import.bad_line', { line, reasons: reasons.join('\u00a0; ') })}</li>
        ))}
      </ul>
    </section>
  );
}

function KnownRows({ verdicts }: { verdicts: RowVerdict[] }) {
  const known = verdicts.filter((verdict): verdict is Extract<RowVerdict, { kind: 'known' }> => verdict.kind === 'known');
  if (known.length === 0) return null;
  return (
    <details class="details">
      <summary>
        {t('shop_import.known_title')} ({known.length})
      </summary>
      <p>{t('shop_import.known_intro')}</p>
      <ul>
        {known.map(({ line, draft }) => (
          <li>{t('shop_import.known_line', { line, name: draft.tradeName })}</li>
        ))}
      </ul>
    </details>
  );
}

function FormulaRows({ verdicts }: { verdicts: RowVerdict[] }) {
  const flagged = verdicts.filter((verdict): verdict is Extract<RowVerdict, { kind: 'new' | 'known' }> => verdict.kind !== 'bad' && verdict.formulaFields.length > 0);
  if (flagged.length === 0) return null;
  return (
    <section aria-labelledby="formules">
      <h2 id="formules">{t('shop_import.formula_title')}</h2>
      <p>{t('shop_import.formula_intro')}</p>
      <ul>
        {flagged.map(({ line, formulaFields }) => (
          <li>{t('shop_import.formula_line', { line, columns: formulaFields.map(fieldLabel).join(', ') })}</li>
        ))}
      </ul>
    </section>
  );
}

function Confirm({ ctx, preview, state }: { ctx: PageContext; preview: ImportPreview; state: FormState }) {
  const { counts } = preview;
  if (preview.missing.length > 0 || counts.bad > 0) return null;
  if (counts.new === 0) return <p class="notice">{t('shop_import.nothing_new')}</p>;
  return (
    <section aria-labelledby="confirmer">
      <h2 id="confirmer">{t('shop_import.confirm_title')}</h2>
      <Form ctx={ctx} action={shopImportPath(preview.file.id)} state={{ values: state.values, errors: {} }}>
        {Object.entries(mappingValues(preview)).map(([name, value]) => (
          <HiddenField name={name} value={value} />
        ))}
        <HiddenField name="categorie_defaut" value={preview.defaultCategory} />
        <HiddenField name="idempotency_key" value={state.values.idempotency_key ?? ''} />
        <SubmitButton>{counts.new === 1 ? t('shop_import.confirm_one') : t('shop_import.confirm', { count: counts.new })}</SubmitButton>
      </Form>
    </section>
  );
}

export function PreviewPage({ ctx, preview, state }: { ctx: PageContext; preview: ImportPreview; state: FormState }) {
  const title = t('shop_import.preview_title');
  const { file, counts } = preview;
  const facts = file.rowCount === 1 ? t('shop_import.file_facts_one') : t('shop_import.file_facts', { count: file.rowCount });
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{facts}</p>
      <ErrorSummary errors={state.errors} labels={{}} />
      <Missing preview={preview} />
      {preview.missing.length === 0 ? <p>{t('shop_import.counts', { fresh: counts.new, known: counts.known, bad: counts.bad })}</p> : null}
      <BadRows verdicts={preview.verdicts} />
      <SampleTable preview={preview} />
      <FormulaRows verdicts={preview.verdicts} />
      <KnownRows verdicts={preview.verdicts} />
      <Confirm ctx={ctx} preview={preview} state={state} />
      <MappingForm ctx={ctx} preview={preview} />
      <p>
        <a href={IMPORT_SHOPS_PATH}>{t('shop_import.send_again')}</a>
      </p>
    </Page>
  );
}

/** A file already imported: what it did. */
export function ImportedPage({ ctx, created, known }: { ctx: PageContext; created: number; known: number }) {
  const title = t('shop_import.preview_title');
  return (
    <Page ctx={ctx} title={title} trail={trail(title)} noindex>
      <h1>{title}</h1>
      <p class="lead">{t('shop_import.imported_already', { created, known })}</p>
      <p>
        <a href={`${DIRECTORY_PATH}?etape=prospect`}>{t('shops.trail.directory')}</a>
      </p>
    </Page>
  );
}
