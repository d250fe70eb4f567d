// The address of the form that sets the town's commission rate of services (providers' sales).
import { TOWN_RATES_PATH } from '../settlement.paths.ts';

export const TOWN_SERVICES_PATH = `${TOWN_RATES_PATH}/services`;
