/*
 * Entry of dist/webviewPanels.js: the panel classes, required by TaskPanels when the first panel is created or
 * restored, so activation neither reads nor compiles them. Whatever has an identity shared with the rest of
 * the extension (the session and its store, the log, error classes, task actions) reaches them through
 * PanelDependencies from the main bundle; nothing here may import it.
 */
export { OverviewPanel } from './overviewPanel';
export { TaskDetailPanel } from './taskDetailPanel';
