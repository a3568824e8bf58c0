import type { NameLookup } from '../model/names';
import type { TaskService } from '../model/taskService';

/**
 * The session's name directory (`TaskService.names`): every reader of names outside the model (tree, QuickPicks,
 * exports) asks here, so they all read the same lookup.
 */
export function serviceNames<Source>(service: TaskService<Source>): NameLookup {
	return service.names;
}
