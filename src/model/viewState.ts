/** Which welcome view the Tasks view shows; 'ready' shows the tree. Decided by the task service. */
export type ViewState = 'loading' | 'noCredentials' | 'noZone' | 'cicNotOpen' | 'zoneNotFound' | 'connectionError' | 'ready';
