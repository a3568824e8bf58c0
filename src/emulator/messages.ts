import type { Language } from '../api/types';

/**
 * Error texts in both languages the service speaks. Where a real text is known (spec §1.4, §2, §3) it is used
 * verbatim; the rest are written in the same register. `{0}`, `{1}` are filled from ApiError.args.
 */
const MESSAGES: Readonly<Record<string, { readonly en: string; readonly zh: string }>> = {
	'AuthFailure.InvalidAuthorization': {
		en: 'The Authorization header is invalid. Expected `TC3-HMAC-SHA256 Credential=<SecretId>/<Date>/<Service>/tc3_request, SignedHeaders=<...>, Signature=<64 hex>` signing at least content-type and host.',
		zh: '请求头部的 Authorization 不符合腾讯云标准。',
	},
	'AuthFailure.InvalidSecretId': {
		en: 'Invalid key (not a TencentCloud API key type).',
		zh: '密钥非法（不是云 API 密钥类型）。',
	},
	'AuthFailure.SecretIdNotFound': {
		en: 'The SecretId is not found, please ensure that your SecretId is correct.',
		zh: '密钥不存在。请在控制台检查密钥是否已被删除或者禁用，如状态正常，请检查密钥是否填写正确，注意前后不得有空格。',
	},
	'AuthFailure.SignatureExpire': {
		en: 'Signature expired. Timestamp and server time cannot differ by more than 5 minutes.',
		zh: '签名过期。Timestamp 和服务器时间相差不得超过五分钟，请检查本地时间是否和标准时间同步。',
	},
	'AuthFailure.SignatureFailure': {
		en: 'The provided credentials could not be validated. Please check your signature is correct.',
		zh: '请求签名验证失败，请检查您的签名计算是否正确。',
	},
	'AuthFailure.TokenFailure': {
		en: 'The token (X-TC-Token) is invalid or has expired.',
		zh: 'token 错误或已过期。',
	},
	InvalidAction: {
		en: 'The action `{0}` does not exist.',
		zh: '接口`{0}`不存在。',
	},
	NoSuchVersion: {
		en: 'The API version `{0}` does not exist.',
		zh: '接口版本`{0}`不存在。',
	},
	MissingParameter: {
		en: 'The parameter `{0}` is missing.',
		zh: '缺少参数`{0}`。',
	},
	UnknownParameter: {
		en: 'The parameter `{0}` is not recognized.',
		zh: '参数`{0}`未定义。',
	},
	InvalidParameter: {
		en: 'The type of parameter `{0}` is invalid; expected {1}.',
		zh: '参数`{0}`的类型错误，应为 {1}。',
	},
	'InvalidParameter#body': {
		en: 'The request body is not a valid JSON object: {0}',
		zh: '请求包体不是合法的 JSON 对象：{0}',
	},
	InvalidParameterValue: {
		en: 'The value of parameter `{0}` is invalid; valid values: {1}.',
		zh: '参数`{0}`的取值错误，有效取值：{1}。',
	},
	'InvalidParameter.NextTokenInvalid': {
		en: 'Invalid nextToken.',
		zh: '无效的nextToken',
	},
	'FailedOperation.ZoneIdNotExist': {
		en: 'The user zoneId of the CIC service does not exist.',
		zh: 'CIC服务的用户zoneId不存在',
	},
	'FailedOperation.IdentityCenterNotOpen': {
		en: 'The CIC service is not enabled.',
		zh: 'CIC服务没有开通',
	},
	'ResourceNotFound.RoleConfigurationTaskNotFound': {
		en: 'The role configuration task does not exist.',
		zh: '权限配置任务不存在',
	},
	'ResourceNotFound.UserNotExist': {
		en: 'The user does not exist.',
		zh: '用户不存在',
	},
	'InvalidParameter.GroupNotExist': {
		en: 'The user group does not exist.',
		zh: '用户组不存在',
	},
	'InvalidParameter.RoleConfigurationNotExist': {
		en: 'The role configuration does not exist.',
		zh: '权限配置不存在',
	},
	'InvalidParameter.ParamError': {
		en: 'Parameter error: {0}.',
		zh: '参数错误：{0}。',
	},
	'InvalidParameter#offsetMultiple': {
		en: 'Offset must be an integer multiple of Limit.',
		zh: 'Offset 必须是 Limit 的整数倍。',
	},
	'ResourceNotFound.OrganizationNodeNotExist': {
		en: 'The organization node does not exist.',
		zh: '组织节点不存在',
	},
	'FailedOperation.OrganizationMemberNotExist': {
		en: 'The member account does not exist.',
		zh: '成员账号不存在',
	},
	'FailedOperation.RoleConfigurationAuthorizationAlreadyExist': {
		en: 'The authorization already exists.',
		zh: '授权已存在',
	},
	'FailedOperation.RoleConfigurationAuthorizationOverLimit': {
		en: 'The number of authorizations exceeds the limit.',
		zh: '授权数量超过限制',
	},
	'LimitExceeded.CreateRoleAssignmentLimitExceeded': {
		en: 'The request to create role assignments exceeds the limit ({0} per request).',
		zh: '创建授权的请求超过限制（每次最多 {0} 个）。',
	},
	'ResourceNotFound.RoleConfigurationAuthorizationNotFound': {
		en: 'The authorization record does not exist.',
		zh: '授权记录不存在',
	},
	'FailedOperation.RoleConfigurationAuthorizationExist': {
		en: 'Authorizations of the role configuration still exist on the account.',
		zh: '权限配置存在授权',
	},
	'FailedOperation.RoleConfigurationProvisioningStatusError': {
		en: 'The role configuration provisioning is in a state that does not allow this operation.',
		zh: '权限配置同步状态错误',
	},
	'ResourceNotFound.RoleConfigurationProvisioningNotFound': {
		en: 'The role configuration provisioning does not exist.',
		zh: '权限配置同步不存在',
	},
	RequestLimitExceeded: {
		en: 'Your request frequency has exceeded the limit of {0} requests per second for `{1}`.',
		zh: '请求的次数超过了频率限制（`{1}` 每秒 {0} 次）。',
	},
	RequestSizeLimitExceeded: {
		en: 'The request body is larger than {0} bytes.',
		zh: '请求包体超过 {0} 字节。',
	},
	InternalError: {
		en: 'An internal error occurred. Please try again later.',
		zh: '内部错误，请稍后重试。',
	},
	UnsupportedOperation: {
		en: 'Unsupported operation: {0}',
		zh: '不支持的操作：{0}',
	},
	UnsupportedProtocol: {
		en: 'The HTTP method `{0}` is not supported; use POST.',
		zh: '不支持 HTTP 方法`{0}`，请使用 POST。',
	},
};

/**
 * An API-level failure: HTTP 200 with Response.Error. `variant` picks another text for the same code
 * (the key `Code#variant` above), for codes the service uses for several situations.
 */
export class ApiError extends Error {
	constructor(
		readonly code: string,
		readonly args: readonly string[] = [],
		readonly variant?: string,
	) {
		super(code);
		this.name = 'ApiError';
	}

	messageIn(language: Language): string {
		return errorMessage(this.variant === undefined ? this.code : `${this.code}#${this.variant}`, language, this.args);
	}
}

export function errorMessage(key: string, language: Language, args: readonly string[] = []): string {
	const texts = MESSAGES[key];
	const code = key.split('#')[0] ?? key;
	const template = texts === undefined ? code : language === 'en-US' ? texts.en : texts.zh;
	return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** The `X-TC-Language` header picks the language; anything but the two supported values falls back. */
export function languageOf(header: string | undefined, fallback: Language): Language {
	return header === 'en-US' || header === 'zh-CN' ? header : fallback;
}
