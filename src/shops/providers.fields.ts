// The provider's part of the shop forms: its fields as the form sends them (one checkbox per
// trade, label and way of taking requests, so what was ticked comes back after a refusal)
// and their reading into a profile, with a French message next to each wrong field.
import { Type } from '@sinclair/typebox';
import { Fields, type FieldErrors, type FormValues } from '../platform/forms.ts';
import { messageKeyOf } from '../platform/errors.ts';
import { t } from '../platform/i18n/index.ts';
import {
  PROVIDER_LABEL_CODES,
  REQUEST_CHANNEL_CODES,
  SHOP_KINDS,
  TRADE_CODES,
  checkProviderProfile,
  type ProviderProfile,
} from './providers.rules.ts';

export const tradeField = (code: string) => `trade_${code}`;
export const labelField = (code: string) => `label_${code}`;
export const channelField = (code: string) => `channel_${code}`;

const checkboxes = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, Fields.checkbox()]));

/** Every field is optional: a form without them (older pages, scripts) leaves the profile as it is. */
export const ProviderFields = {
  kind: Type.Optional(Fields.choice(SHOP_KINDS)),
  area_served: Type.Optional(Fields.optionalText(200)),
  makes_quotes: Type.Optional(Fields.choice(['oui', 'non'] as const)),
  usual_delay_days: Type.Optional(Fields.optionalInteger()),
  ...checkboxes(TRADE_CODES.map(tradeField)),
  ...checkboxes(PROVIDER_LABEL_CODES.map(labelField)),
  ...checkboxes(REQUEST_CHANNEL_CODES.map(channelField)),
};

/**
 * The profile typed in the form, or the message of each field to correct; undefined when the
 * form did not say whether the shop is a provider.
 */
export function profileFromValues(values: FormValues): { profile?: ProviderProfile; errors: FieldErrors } {
  const kind = values.kind === 'provider' ? 'provider' : values.kind === 'shop' ? 'shop' : undefined;
  if (!kind) return { errors: {} };
  const delayText = (values.usual_delay_days ?? '').trim();
  const profile: ProviderProfile = {
    kind,
    trades: TRADE_CODES.filter((code) => values[tradeField(code)] === 'on'),
    labels: PROVIDER_LABEL_CODES.filter((code) => values[labelField(code)] === 'on'),
    areaServed: (values.area_served ?? '').trim(),
    requestChannels: REQUEST_CHANNEL_CODES.filter((code) => values[channelField(code)] === 'on'),
    makesQuotes: values.makes_quotes === 'oui',
    usualDelayDays: delayText === '' ? null : Number(delayText),
  };
  const errors: FieldErrors = {};
  for (const [field, code] of Object.entries(checkProviderProfile(profile))) if (code) errors[field] = t(messageKeyOf(code));
  return { profile, errors };
}

/** The saved profile as form values, for the edit form's first display. */
export function profileValues(profile: ProviderProfile): Record<string, string> {
  const values: Record<string, string> = {
    kind: profile.kind,
    area_served: profile.areaServed,
    makes_quotes: profile.makesQuotes ? 'oui' : 'non',
    usual_delay_days: profile.usualDelayDays === null ? '' : String(profile.usualDelayDays),
  };
  for (const code of profile.trades) values[tradeField(code)] = 'on';
  for (const code of profile.labels) values[labelField(code)] = 'on';
  for (const code of profile.requestChannels) values[channelField(code)] = 'on';
  return values;
}
