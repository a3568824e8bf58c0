import * as assert from 'node:assert/strict';
import { TencentCloudError } from '../../../src/api/errors';
import { TaskService } from '../../../src/model/taskService';
import { FakeOrganizationClient } from './fakeOrganizationClient';

describe('the log when a zone is not found', () => {
	it('names the zone and the profile and points to Select Zone…, never to a setting', async () => {
		const warnings: string[] = [];
		const client = new FakeOrganizationClient([]);
		client.intercept = () => new TencentCloudError('FailedOperation.ZoneIdNotExist', 'No such zone.');
		const service = new TaskService<string>({
			createClient: () => client,
			describeError: (error) => String(error),
			settings: () => ({ pageSize: 10, loadAllThreshold: 1000 }),
			log: { info: () => undefined, warn: (message) => warnings.push(message) },
		});
		try {
			service.setTarget({ kind: 'profile', label: 'work', endpoint: 'https://fake.invalid', zoneId: 'z-missing00000', credentials: () => Promise.resolve({ secretId: 'AKIDx', secretKey: 'k' }), source: 'p1' });
			await service.refresh();
			assert.equal(service.state, 'zoneNotFound');
			const line = warnings.find((w) => w.includes('z-missing00000'));
			assert.ok(line, warnings.join('\n'));
			assert.match(line, /"work"/);
			assert.match(line, /Select Zone…/);
			assert.ok(!warnings.some((w) => /settings?\b/i.test(w)), warnings.join('\n'));
		} finally {
			service.dispose();
		}
	});
});
