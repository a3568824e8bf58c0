import * as assert from 'node:assert/strict';
import { createOrganizationClient } from '../../src/api/client';
import { AbortError, TencentCloudError } from '../../src/api/errors';
import type { DescribeIdentityCenterResponse } from '../../src/api/directoryTypes';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { discoverZone, probeKeys, PROBE_ZONE, zoneLabel } from '../../src/model/zoneDiscovery';

/** Zone discovery (DescribeIdentityCenter) and the key probe (ListTasks), against the emulator and against fakes. */

const ANSWER: DescribeIdentityCenterResponse = {
	ZoneId: 'z-vft38p2hq8tq',
	ZoneName: 'testwu',
	ServiceStatus: 'Enabled',
	ScimSyncStatus: 'Disabled',
	CreateTime: '2024-05-30 10:50:11',
	UpdateTime: '2024-06-25 10:08:21',
	RequestId: 'r-1',
};

function answering(answer: DescribeIdentityCenterResponse | Error): { describeIdentityCenter: () => Promise<DescribeIdentityCenterResponse> } {
	return { describeIdentityCenter: () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)) };
}

describe('zone discovery', function () {
	this.timeout(30_000);

	describe('against the emulator', () => {
		let emu: RunningEmulator;
		before(async () => {
			emu = await startEmulator({ tasks: 5, seed: 2, zoneName: 'acme-prod' });
		});
		after(() => emu.close());

		it('finds the zone and its name with the keys alone', async () => {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials });
			assert.deepEqual(await discoverZone(client), { kind: 'found', zone: { zoneId: emu.zoneId, zoneName: 'acme-prod' } });
			assert.deepEqual(await probeKeys(client, emu.zoneId), { kind: 'ok' });
			assert.deepEqual(await probeKeys(client, undefined), { kind: 'ok' }, 'ZoneIdNotExist for the probe zone proves the keys');
		});

		it('says CIC is not open, whichever way the service answers it', async () => {
			const client = createOrganizationClient({ endpoint: emu.url, credentials: emu.credentials });
			emu.setCicEnabled(false);
			try {
				assert.equal((await discoverZone(client)).kind, 'notOpen');
				assert.equal((await probeKeys(client, emu.zoneId)).kind, 'zoneProblem');
			} finally {
				emu.setCicEnabled(true);
			}
			const statusStyle = await startEmulator({ tasks: 1, cicDisabled: true, notOpenAnswer: 'status' });
			try {
				const c = createOrganizationClient({ endpoint: statusStyle.url, credentials: statusStyle.credentials });
				assert.deepEqual(await discoverZone(c), { kind: 'notOpen' });
			} finally {
				await statusStyle.close();
			}
		});

		it('reports keys the service rejects as rejected, not as a zone to type', async () => {
			const client = createOrganizationClient({
				endpoint: emu.url,
				credentials: { secretId: emu.credentials.secretId, secretKey: `${emu.credentials.secretKey}x` },
			});
			const found = await discoverZone(client);
			assert.equal(found.kind, 'rejected');
			const probe = await probeKeys(client, undefined);
			assert.equal(probe.kind, 'failed');
		});
	});

	describe('every outcome', () => {
		it('maps each answer to what the user can do', async () => {
			assert.equal((await discoverZone(answering({ ...ANSWER, ServiceStatus: 'Disabled' }))).kind, 'notOpen');
			assert.equal((await discoverZone(answering(new TencentCloudError('FailedOperation.IdentityCenterNotOpen', 'x')))).kind, 'notOpen');
			for (const code of ['UnauthorizedOperation', 'AuthFailure.UnauthorizedOperation', 'UnauthorizedOperation.Denied']) {
				assert.equal((await discoverZone(answering(new TencentCloudError(code, 'x', { action: 'DescribeIdentityCenter' })))).kind, 'notAllowed', code);
			}
			assert.equal((await discoverZone(answering(new TencentCloudError('AuthFailure.SignatureFailure', 'x')))).kind, 'rejected');
			assert.equal((await discoverZone(answering(new TencentCloudError('ClientError.NetworkUnreachable', 'x')))).kind, 'unreachable');
			assert.equal((await discoverZone(answering(new Error('boom')))).kind, 'unreachable');
			assert.equal((await discoverZone(answering(new TencentCloudError('FailedOperation.DBOperationError', 'x')))).kind, 'unavailable');
		});

		it('passes a cancellation on', async () => {
			const controller = new AbortController();
			controller.abort();
			await assert.rejects(discoverZone(answering(new AbortError()), controller.signal), (e: unknown) => e instanceof AbortError);
		});

		it('probes a zone that cannot exist when none is known', async () => {
			const asked: string[] = [];
			const client = {
				listTasks: (request: { ZoneId: string }) => {
					asked.push(request.ZoneId);
					return Promise.reject(new TencentCloudError('FailedOperation.ZoneIdNotExist', 'x'));
				},
			};
			assert.deepEqual(await probeKeys(client as never, undefined), { kind: 'ok' });
			assert.equal((await probeKeys(client as never, 'z-mine')).kind, 'zoneProblem', 'a given zone that does not exist is a problem to show');
			assert.deepEqual(asked, [PROBE_ZONE, 'z-mine']);
		});
	});

	describe('the zone label', () => {
		it('shows the name with the ID, the ID alone without a name, and cuts an overlong name', () => {
			assert.equal(zoneLabel('z-abc', 'testwu'), 'testwu (z-abc)');
			assert.equal(zoneLabel('z-abc', undefined), 'z-abc');
			assert.equal(zoneLabel('z-abc', ''), 'z-abc');
			const label = zoneLabel('z-abc', 'n'.repeat(5000));
			assert.ok(label.length < 80 && label.endsWith('… (z-abc)'), label);
		});
	});
});
