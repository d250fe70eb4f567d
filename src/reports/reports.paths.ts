// The addresses of the town's dashboard (the page's own address is shared: the back-office home links to it).
import { TOWN_DASHBOARD_PATH } from '../platform/paths.ts';

export { TOWN_DASHBOARD_PATH };
/** One table of the dashboard as a file: ?table=…&format=csv|xlsx&from=…&to=… */
export const TOWN_DASHBOARD_FILE_PATH = `${TOWN_DASHBOARD_PATH}/tableau`;
