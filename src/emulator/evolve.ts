import type { TaskInfo } from '../api/types';
import { createRng, deriveSeed, intBetween, type Rng } from './random';
import { createUniverse, TaskFactory, type SampleUniverse } from './sampleData';
import type { TaskStore } from './store';

/**
 * Makes the zone look alive so polling can be seen working: each step finishes some InProgress tasks (mostly
 * Success, some Failed with a reason) and appends a few new InProgress ones at the end of the listing order.
 * Deterministic for a seed and a starting store; a timer in the server calls step() when evolution is on.
 */

export interface EvolveResult {
	readonly finished: readonly TaskInfo[];
	readonly created: readonly TaskInfo[];
}

const FINISH_PROBABILITY = 0.4;
/** Keeps a 100k-task zone changing gradually instead of settling thousands of tasks in one tick. */
const MAX_FINISHED_PER_STEP = 50;
const SUCCESS_PROBABILITY = 0.8;
/** Beyond this many InProgress tasks no new ones are started, so a long-running emulator stays bounded in work. */
const MAX_IN_PROGRESS = 200;

export class Evolver {
	private readonly rng: Rng;
	private readonly factory: TaskFactory;

	constructor(
		private readonly store: TaskStore,
		seed: number,
		zoneId: string,
		/** The universe the tasks come from (default: the seed's), so new tasks name principals the directory has. */
		universe: SampleUniverse = createUniverse(seed, zoneId),
	) {
		this.rng = createRng(deriveSeed(seed, 'evolve'));
		this.factory = new TaskFactory(universe, createRng(deriveSeed(seed, 'evolve-tasks')), {
			has: (id) => store.has(id),
			add: () => undefined,
		});
	}

	step(): EvolveResult {
		const inProgress = this.store.view().filter((t) => t.Status === 'InProgress');
		const finishing = inProgress.filter(() => this.rng() < FINISH_PROBABILITY).slice(0, MAX_FINISHED_PER_STEP);
		if (finishing.length === 0 && inProgress[0] !== undefined) {
			finishing.push(inProgress[0]);
		}
		const finished = finishing.map((t) =>
			this.rng() < SUCCESS_PROBABILITY
				? this.store.setStatus(t.TaskId, 'Success')
				: this.store.setStatus(t.TaskId, 'Failed', this.factory.failureReason(t.RoleConfigurationName, t.TargetUin)),
		);
		const createCount = inProgress.length - finished.length >= MAX_IN_PROGRESS ? 0 : intBetween(this.rng, 1, 3);
		const created: TaskInfo[] = [];
		for (let i = 0; i < createCount; i++) {
			const task = this.factory.create('InProgress');
			this.store.add([task]);
			created.push(task);
		}
		return { finished, created };
	}
}
