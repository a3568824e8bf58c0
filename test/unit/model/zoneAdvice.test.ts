import * as assert from 'node:assert/strict';
import { ERROR_ADVICE } from '../../../src/model/errorAdviceTable';

describe('zone-not-found advice', () => {
	const advice = ERROR_ADVICE['FailedOperation.ZoneIdNotExist'].advice;

	it('points to Select Zone…, not to a setting: the zone belongs to the profile', () => {
		assert.ok(!/setting/i.test(advice['en-US']), advice['en-US']);
		assert.ok(!advice['zh-CN'].includes('设置'), advice['zh-CN']);
		assert.ok(advice['en-US'].includes('Select Zone…'), advice['en-US']);
		assert.ok(advice['zh-CN'].includes('选择空间…'), advice['zh-CN']);
		assert.match(advice['en-US'], /profile/);
	});
});
