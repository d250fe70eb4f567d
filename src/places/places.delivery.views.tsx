// The concierge's page of the home-delivery zone: who may be delivered at home and the
// streets of the zone, one a line, as the town reads and edits them.
import { t, tDynamic } from '../platform/i18n/index.ts';
import type { PageContext } from '../platform/page-context.ts';
import { BACKOFFICE_PATH } from '../platform/paths.ts';
import { Form, RadioGroup, SubmitButton, TextArea, type FormState } from '../ui/forms.tsx';
import { Page } from '../ui/layout.tsx';
import { HOME_DELIVERY_AUDIENCES } from './places.delivery.rules.ts';
import { HOME_DELIVERY_PATH } from './places.paths.ts';

const LABELS = { audience: t('delivery.zone.audience'), streets: t('delivery.zone.streets') };

export function HomeDeliveryZonePage({ ctx, state, streetCount }: { ctx: PageContext; state: FormState; streetCount: number }) {
  const title = t('delivery.zone.title');
  return (
    <Page ctx={ctx} title={title} trail={[[t('backoffice.trail'), BACKOFFICE_PATH], [title]]} noindex>
      <h1>{title}</h1>
      <p>{t('delivery.zone.intro')}</p>
      <Form ctx={ctx} action={HOME_DELIVERY_PATH} state={state} labels={LABELS}>
        <RadioGroup
          name="audience"
          label={LABELS.audience}
          state={state}
          options={HOME_DELIVERY_AUDIENCES.map((audience) => [audience, tDynamic(`delivery.zone.audience.${audience}`)])}
          defaultValue="nobody"
        />
        <TextArea name="streets" label={`${LABELS.streets} (${streetCount})`} hint={t('delivery.zone.streets_hint')} state={state} rows={12} />
        <SubmitButton>{t('form.save')}</SubmitButton>
      </Form>
    </Page>
  );
}
