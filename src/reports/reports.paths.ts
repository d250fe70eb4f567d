// The addresses of the town's dashboard.
export const TOWN_DASHBOARD_PATH = '/ville/tableau-de-bord';
/** One table of the dashboard as a file: ?table=…&format=csv|xlsx&from=…&to=… */
export const TOWN_DASHBOARD_FILE_PATH = `${TOWN_DASHBOARD_PATH}/tableau`;
