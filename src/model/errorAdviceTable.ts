import { ClientErrorCode, type Language } from '../api';

type Text = Readonly<Record<Language, string>>;

export interface AdviceEntry {
	readonly title: Text;
	readonly advice: Text;
}

export type AdviceTable = Readonly<Record<string, AdviceEntry>>;

/*
 * What a user can do about each error, in both UI languages: UI text, so it lives here and not in src/api.
 * `{action}` is replaced by the CAM action of the failed call (e.g. organization:ListTasks). Codes are looked
 * up exactly first, then by dropping the last dotted segment, so RequestLimitExceeded.UinLimitExceeded finds
 * RequestLimitExceeded. src/model/errorDescription.ts reads it.
 */

const CAM_ADVICE: AdviceEntry = {
	title: { 'en-US': 'Not authorized', 'zh-CN': '没有权限' },
	advice: {
		'en-US': 'The API key is valid but its CAM user or role may not call {action}. Ask an administrator to grant {action} in CAM, then refresh.',
		'zh-CN': 'API 密钥有效，但其 CAM 用户或角色没有调用 {action} 的权限。请联系管理员在 CAM 中授予 {action} 权限后刷新。',
	},
};

export const ERROR_ADVICE: AdviceTable = {
	'FailedOperation.IdentityCenterNotOpen': {
		title: { 'en-US': 'Identity Center is not enabled', 'zh-CN': '集团账号身份中心未开通' },
		advice: {
			'en-US': 'CIC (Identity Center) is not enabled for this organization, so it has no zone and no tasks yet. Enable it in the Organization console (Identity Center), then choose the zone with Select Zone…; or use the keys of the account that manages the organization.',
			'zh-CN': '该集团组织尚未开通身份中心（CIC），因此还没有空间和任务。请在集团账号管理控制台开通身份中心，然后使用“选择空间…”选择空间；或改用管理该组织的账号的密钥。',
		},
	},
	'FailedOperation.ZoneIdNotExist': {
		title: { 'en-US': 'Unknown zone ID', 'zh-CN': '空间 ID 不存在' },
		advice: {
			'en-US': 'The CIC zone ID (z-...) of this profile does not exist for these credentials. Choose the right zone with Select Zone… (the zone ID is on the Identity Center overview page), or switch profile.',
			'zh-CN': '当前凭据下不存在此配置的 CIC 空间 ID（z-...）。请使用“选择空间…”选择正确的空间（空间 ID 见身份中心概览页），或切换配置。',
		},
	},
	// The directory actions (cic-context-api.md §2): what the code means, and what a person can do about it.
	'ResourceNotFound.UserNotExist': {
		title: { 'en-US': 'User not found', 'zh-CN': '用户不存在' },
		advice: {
			'en-US': 'This CIC user does not exist in the zone (any more); it may have been deleted. Refresh; a task about a deleted user keeps showing its ID.',
			'zh-CN': '该空间中不存在此 CIC 用户（可能已被删除）。请刷新；与已删除用户相关的任务仍会显示其 ID。',
		},
	},
	'InvalidParameter.GroupNotExist': {
		title: { 'en-US': 'User group not found', 'zh-CN': '用户组不存在' },
		advice: {
			'en-US': 'This user group does not exist in the zone (any more); it may have been deleted. Refresh; a task about a deleted group keeps showing its ID.',
			'zh-CN': '该空间中不存在此用户组（可能已被删除）。请刷新；与已删除用户组相关的任务仍会显示其 ID。',
		},
	},
	'InvalidParameter.RoleConfigurationNotExist': {
		title: { 'en-US': 'Permission configuration not found', 'zh-CN': '权限配置不存在' },
		advice: {
			'en-US': 'This permission configuration (rc-...) does not exist in the zone (any more); it may have been deleted. Refresh, and check it in the Identity Center console.',
			'zh-CN': '该空间中不存在此权限配置（rc-...），可能已被删除。请刷新，并在身份中心控制台中确认。',
		},
	},
	'InvalidParameter.ParamError': {
		title: { 'en-US': 'Parameter rejected', 'zh-CN': '参数错误' },
		advice: {
			'en-US': 'The service rejected a parameter of {action}. Refresh or clear the filter; if it persists, report it with the log and the RequestId.',
			'zh-CN': '服务端拒绝了 {action} 的参数。请刷新或清除筛选条件；如持续出现，请附上日志和 RequestId 反馈。',
		},
	},
	'FailedOperation.DBOperationError': {
		title: { 'en-US': 'Service database error', 'zh-CN': '服务端数据库错误' },
		advice: {
			'en-US': 'The service failed to run a database operation for {action}. This is on the service side: try again in a few minutes; if it persists, contact support with the RequestId.',
			'zh-CN': '服务端在处理 {action} 时数据库操作失败，问题在服务端。请几分钟后重试；如持续出现，请携带 RequestId 联系技术支持。',
		},
	},
	'FailedOperation.OperateBillingPermissionErr': {
		title: { 'en-US': 'Billing permission error', 'zh-CN': '财务权限操作错误' },
		advice: {
			'en-US': 'The service failed while handling the member accounts\' billing permissions, so the member accounts could not be listed. Try again later; if it persists, ask the organization\'s administrator or contact support with the RequestId.',
			'zh-CN': '服务端在处理成员账号的财务权限时出错，因此无法列出成员账号。请稍后重试；如持续出现，请联系组织管理员，或携带 RequestId 联系技术支持。',
		},
	},
	'ResourceNotFound.OrganizationNodeNotExist': {
		title: { 'en-US': 'Organization unit not found', 'zh-CN': '组织部门不存在' },
		advice: {
			'en-US': 'The organization unit (node) asked for does not exist (any more). Refresh; check the organization structure in the Organization console.',
			'zh-CN': '所查询的组织部门（节点）不存在（可能已被删除）。请刷新，并在集团账号管理控制台中查看组织结构。',
		},
	},
	'ResourceNotFound.OrganizationNotExist': {
		title: { 'en-US': 'No organization', 'zh-CN': '组织不存在' },
		advice: {
			'en-US': 'These credentials belong to an account without a Tencent Cloud organization, so there are no member accounts to name. Use the keys of the organization\'s management account, or switch profile.',
			'zh-CN': '当前凭据所属的账号没有腾讯云集团组织，因此无法获取成员账号名称。请使用组织管理账号的密钥，或切换配置。',
		},
	},
	'ResourceNotFound.OrganizationServiceNotExist': {
		title: { 'en-US': 'Organization service not found', 'zh-CN': '组织服务不存在' },
		advice: {
			'en-US': 'The service reports that the organization service asked for does not exist, so the member accounts could not be listed. Check the organization in the Organization console; if it persists, contact support with the RequestId.',
			'zh-CN': '服务端提示所查询的组织服务不存在，因此无法列出成员账号。请在集团账号管理控制台中检查组织；如持续出现，请携带 RequestId 联系技术支持。',
		},
	},
	// The four write actions (cic-context-api.md §6): CreateRoleAssignment, DeleteRoleAssignment,
	// ProvisionRoleConfiguration, DismantleRoleConfiguration.
	'FailedOperation.OrganizationMemberNotExist': {
		title: { 'en-US': 'Member account not found', 'zh-CN': '成员账号不存在' },
		advice: {
			'en-US': 'The member account (UIN) is not in this organization (any more). Check the account in the Organization console and choose one that is a member.',
			'zh-CN': '该成员账号（UIN）不在此组织中（可能已移出）。请在集团账号管理控制台中确认，并选择组织内的成员账号。',
		},
	},
	'FailedOperation.RoleConfigurationAuthorizationAlreadyExist': {
		title: { 'en-US': 'Already assigned', 'zh-CN': '授权已存在' },
		advice: {
			'en-US': 'This user or group already has this permission configuration on that account, so there is nothing to add. Refresh to see it.',
			'zh-CN': '该用户或用户组已在该账号上拥有此权限配置的授权，无需重复添加。请刷新查看。',
		},
	},
	'FailedOperation.RoleConfigurationAuthorizationOverLimit': {
		title: { 'en-US': 'Too many assignments', 'zh-CN': '授权数量超出上限' },
		advice: {
			'en-US': 'The number of role assignments would exceed the service\'s limit. Remove assignments that are no longer needed, then try again.',
			'zh-CN': '授权数量将超出服务上限。请先删除不再需要的授权，然后重试。',
		},
	},
	'LimitExceeded.CreateRoleAssignmentLimitExceeded': {
		title: { 'en-US': 'Assignment request over the limit', 'zh-CN': '授权请求超出限制' },
		advice: {
			'en-US': 'The service refused to create this many role assignments. Assign fewer at a time (one request takes at most 50), then try again.',
			'zh-CN': '服务端拒绝一次创建这么多授权。请分批授权（每个请求最多 50 条）后重试。',
		},
	},
	'ResourceNotFound.RoleConfigurationAuthorizationNotFound': {
		title: { 'en-US': 'Assignment not found', 'zh-CN': '授权不存在' },
		advice: {
			'en-US': 'This role assignment does not exist (any more); it may have been removed already. Refresh to see the current state.',
			'zh-CN': '该授权不存在（可能已被删除）。请刷新查看当前状态。',
		},
	},
	'FailedOperation.UserOverUpperLimit': {
		title: { 'en-US': 'Too many users', 'zh-CN': '用户数量超出上限' },
		advice: {
			'en-US': 'The service reports that creating a user would exceed the upper limit on users. Remove users that are no longer needed, then try again.',
			'zh-CN': '服务端提示创建用户将超出用户数量上限。请删除不再需要的用户后重试。',
		},
	},
	'InvalidParameter.EmailAlreadyExists': {
		title: { 'en-US': 'Email already in use', 'zh-CN': '邮箱已存在' },
		advice: {
			'en-US': 'The service reports that a user with this email address already exists. Change the email of the conflicting user, then try again.',
			'zh-CN': '服务端提示已存在使用该邮箱的用户。请修改冲突用户的邮箱后重试。',
		},
	},
	'InvalidParameter.UsernameAlreadyExists': {
		title: { 'en-US': 'User name already in use', 'zh-CN': '用户名已存在' },
		advice: {
			'en-US': 'The service reports that a user with this name already exists. Rename or remove the conflicting user, then try again.',
			'zh-CN': '服务端提示该用户名已存在。请重命名或删除冲突的用户后重试。',
		},
	},
	'InvalidParameter.UsernameFormatError': {
		title: { 'en-US': 'Invalid user name', 'zh-CN': '用户名格式错误' },
		advice: {
			'en-US': 'The service reports that a user name is not in a valid format. Change the user name to a valid format, then try again.',
			'zh-CN': '服务端提示用户名格式不正确。请将用户名改为有效格式后重试。',
		},
	},
	'FailedOperation.RoleConfigurationAuthorizationExist': {
		title: { 'en-US': 'Assignments still exist', 'zh-CN': '仍存在授权' },
		advice: {
			'en-US': 'The permission configuration is still assigned to users or groups on this account. Remove those role assignments first, then remove the deployment.',
			'zh-CN': '该权限配置在此账号上仍有用户或用户组的授权。请先删除这些授权，再解除部署。',
		},
	},
	'FailedOperation.RoleConfigurationProvisioningStatusError': {
		title: { 'en-US': 'Deployment state does not allow this', 'zh-CN': '部署状态不允许此操作' },
		advice: {
			'en-US': 'The permission configuration\'s deployment on this account is in a state that does not allow this now. Wait for its running tasks to finish, refresh, and try again.',
			'zh-CN': '该权限配置在此账号上的部署状态目前不允许此操作。请等待正在运行的任务结束，刷新后重试。',
		},
	},
	'ResourceNotFound.RoleConfigurationProvisioningNotFound': {
		title: { 'en-US': 'Not deployed', 'zh-CN': '未部署' },
		advice: {
			'en-US': 'The permission configuration is not deployed on this account, so there is no deployment to remove. Refresh to see the current state.',
			'zh-CN': '该权限配置未部署到此账号，没有可解除的部署。请刷新查看当前状态。',
		},
	},
	'InvalidParameter.NextTokenInvalid': {
		title: { 'en-US': 'Paging expired', 'zh-CN': '分页标记已失效' },
		advice: {
			'en-US': 'The page marker is no longer valid, usually because the filters changed while paging. Refresh the list to start again from the first page.',
			'zh-CN': '分页标记已失效，通常是翻页过程中筛选条件发生了变化。请刷新列表，从第一页重新加载。',
		},
	},
	'AuthFailure.SignatureFailure': {
		title: { 'en-US': 'Signature rejected', 'zh-CN': '签名验证失败' },
		advice: {
			'en-US': 'The service could not verify the request signature, which almost always means the SecretKey is wrong. Re-enter the SecretKey that belongs to this SecretId.',
			'zh-CN': '服务端无法验证请求签名，通常是 SecretKey 不正确。请重新输入与该 SecretId 对应的 SecretKey。',
		},
	},
	'AuthFailure.SecretIdNotFound': {
		title: { 'en-US': 'SecretId not found', 'zh-CN': 'SecretId 不存在' },
		advice: {
			'en-US': 'This SecretId does not exist, or it was deleted or disabled. Check it in the CAM console (API Keys) and enter an active key pair.',
			'zh-CN': '该 SecretId 不存在，或已被删除或禁用。请在访问管理（CAM）控制台的 API 密钥页面确认，并填写有效的密钥。',
		},
	},
	'AuthFailure.InvalidSecretId': {
		title: { 'en-US': 'Invalid SecretId', 'zh-CN': 'SecretId 无效' },
		advice: {
			'en-US': 'The SecretId is not a Tencent Cloud API key. Copy it again from the CAM console (it starts with AKID) and set the credentials anew.',
			'zh-CN': 'SecretId 不是有效的腾讯云 API 密钥。请从访问管理控制台重新复制（以 AKID 开头）并重新设置凭证。',
		},
	},
	'AuthFailure.SignatureExpire': {
		title: { 'en-US': 'System clock is off', 'zh-CN': '系统时间不准确' },
		advice: {
			'en-US': 'The request timestamp is more than 5 minutes away from the server time. Check the system clock and time zone (enable automatic time sync), then try again.',
			'zh-CN': '请求时间戳与服务器时间相差超过 5 分钟。请检查系统时钟和时区（开启自动同步时间）后重试。',
		},
	},
	'AuthFailure.TokenFailure': {
		title: { 'en-US': 'Session token rejected', 'zh-CN': '临时凭证无效' },
		advice: {
			'en-US': 'The session token is invalid or has expired. Get new temporary credentials (for example rerun the tccli login) and set them again.',
			'zh-CN': '临时凭证的 Token 无效或已过期。请重新获取临时凭证（例如重新执行 tccli 登录）后再设置。',
		},
	},
	'AuthFailure.InvalidAuthorization': {
		title: { 'en-US': 'Malformed authorization', 'zh-CN': '授权信息格式错误' },
		advice: {
			'en-US': 'The service could not read the request signature. Set the credentials again; if it persists, report it with the RequestId.',
			'zh-CN': '服务端无法解析请求签名。请重新设置凭证；如仍出现，请附上 RequestId 反馈。',
		},
	},
	'AuthFailure.MFAFailure': {
		title: { 'en-US': 'MFA required', 'zh-CN': '需要 MFA 验证' },
		advice: {
			'en-US': 'This key requires multi-factor authentication, which API calls cannot provide. Use a key without an MFA condition.',
			'zh-CN': '该密钥要求 MFA 验证，API 调用无法满足。请使用没有 MFA 条件的密钥。',
		},
	},
	AuthFailure: {
		title: { 'en-US': 'Authentication failed', 'zh-CN': '身份验证失败' },
		advice: {
			'en-US': 'The service rejected the credentials. Check the SecretId and SecretKey and set them again.',
			'zh-CN': '服务端拒绝了凭证。请检查 SecretId 和 SecretKey 后重新设置。',
		},
	},
	'AuthFailure.UnauthorizedOperation': CAM_ADVICE,
	UnauthorizedOperation: CAM_ADVICE,
	RequestLimitExceeded: {
		title: { 'en-US': 'Rate limited', 'zh-CN': '请求过于频繁' },
		advice: {
			'en-US': 'The service kept refusing requests as too frequent, even after several retries. Other tools may be using the same account quota; wait a minute and refresh.',
			'zh-CN': '多次重试后服务端仍提示请求过于频繁，可能有其他工具在使用同一账号的配额。请稍等一分钟后刷新。',
		},
	},
	InternalError: {
		title: { 'en-US': 'Service error', 'zh-CN': '服务内部错误' },
		advice: {
			'en-US': 'Tencent Cloud reported an internal error, even after several retries. Try again later; if it persists, contact support with the RequestId.',
			'zh-CN': '多次重试后腾讯云仍返回内部错误。请稍后重试；如持续出现，请携带 RequestId 联系技术支持。',
		},
	},
	ServiceUnavailable: {
		title: { 'en-US': 'Service unavailable', 'zh-CN': '服务暂不可用' },
		advice: {
			'en-US': 'The service is temporarily unavailable. Try again in a few minutes.',
			'zh-CN': '服务暂时不可用，请几分钟后重试。',
		},
	},
	'ResourceNotFound.RoleConfigurationTaskNotFound': {
		title: { 'en-US': 'Task not found', 'zh-CN': '任务不存在' },
		advice: {
			'en-US': 'No task with this ID exists in the zone; it may belong to another zone. Refresh the task list.',
			'zh-CN': '该空间下不存在此任务 ID，可能属于其他空间。请刷新任务列表。',
		},
	},
	[ClientErrorCode.NetworkUnreachable]: {
		title: { 'en-US': 'Network unreachable', 'zh-CN': '网络不可达' },
		advice: {
			'en-US': 'Cannot reach the Tencent Cloud API. Check the network connection, proxy and the endpoint setting, then try again.',
			'zh-CN': '无法连接腾讯云 API。请检查网络连接、代理以及接入点设置后重试。',
		},
	},
	[ClientErrorCode.NetworkError]: {
		title: { 'en-US': 'Connection failed', 'zh-CN': '连接中断' },
		advice: {
			'en-US': 'The connection to the Tencent Cloud API kept breaking. Check the network or proxy and try again.',
			'zh-CN': '与腾讯云 API 的连接多次中断。请检查网络或代理后重试。',
		},
	},
	[ClientErrorCode.Timeout]: {
		title: { 'en-US': 'Request timed out', 'zh-CN': '请求超时' },
		advice: {
			'en-US': 'The Tencent Cloud API did not answer in time, even after several retries. Check the network or proxy, or raise the request timeout, and try again.',
			'zh-CN': '多次重试后腾讯云 API 仍未及时响应。请检查网络或代理，或调大请求超时时间后重试。',
		},
	},
	[ClientErrorCode.InvalidResponse]: {
		title: { 'en-US': 'Unexpected response', 'zh-CN': '响应格式异常' },
		advice: {
			'en-US': 'The service answered with data this extension cannot read. Check that the endpoint points to the Organization API, and report the log if it persists.',
			'zh-CN': '服务端返回了本扩展无法识别的数据。请确认接入点指向集团账号管理 API；如持续出现，请附上日志反馈。',
		},
	},
	[ClientErrorCode.HttpStatus]: {
		title: { 'en-US': 'HTTP error', 'zh-CN': 'HTTP 错误' },
		advice: {
			'en-US': 'The endpoint answered with an HTTP error instead of an API response. Check the endpoint and any proxy, then try again later.',
			'zh-CN': '接入点返回了 HTTP 错误而非 API 响应。请检查接入点和代理设置，稍后重试。',
		},
	},
	[ClientErrorCode.InsecureEndpoint]: {
		title: { 'en-US': 'Insecure endpoint', 'zh-CN': '接入点不安全' },
		advice: {
			'en-US': 'Signed requests are only sent over https://. Change the endpoint to https:// (http:// is allowed only for a local emulator at exactly localhost, 127.0.0.1 or [::1]).',
			'zh-CN': '签名请求只能通过 https:// 发送。请将接入点改为 https://（仅地址恰为 localhost、127.0.0.1 或 [::1] 的本机模拟器可使用 http://）。',
		},
	},
	[ClientErrorCode.InvalidEndpoint]: {
		title: { 'en-US': 'Invalid endpoint', 'zh-CN': '接入点无效' },
		advice: {
			'en-US': 'The endpoint setting is not a usable URL. Use a host such as https://organization.tencentcloudapi.com, without a path.',
			'zh-CN': '接入点设置不是可用的 URL。请使用类似 https://organization.tencentcloudapi.com 的地址，不要带路径。',
		},
	},
	[ClientErrorCode.CredentialsUnavailable]: {
		title: { 'en-US': 'Credentials missing', 'zh-CN': '缺少凭证' },
		advice: {
			'en-US': 'No usable API key is set. Set the SecretId and SecretKey (and the token for temporary credentials).',
			'zh-CN': '尚未设置可用的 API 密钥。请设置 SecretId 和 SecretKey（临时凭证还需 Token）。',
		},
	},
	[ClientErrorCode.PagingLoop]: {
		title: { 'en-US': 'Paging did not end', 'zh-CN': '分页无法结束' },
		advice: {
			'en-US': 'The service kept offering more pages without reaching the end of the list (page markers came round again, pages brought no new tasks, or there were more pages than its total allows), so loading stopped. The tasks loaded so far are kept. Refresh to start over; if it happens again, report it with the log.',
			'zh-CN': '服务端不断提示还有更多分页，却始终没有到达列表末尾（分页标记重复出现、分页没有新任务，或页数超出总数所需），因此已停止加载。已加载的任务会保留。请刷新以重新开始；如再次出现，请附上日志反馈。',
		},
	},
	// A write sent once whose answer was lost (src/api/writeSafety.ts); the code is spelled out, as src/api exports it.
	'ClientError.WriteOutcomeUnknown': {
		title: { 'en-US': 'Change may or may not have been made', 'zh-CN': '无法确认更改是否已生效' },
		advice: {
			'en-US': 'The change was sent but no answer came back, and checking afterwards did not settle it, so it was not sent again. Refresh the Tasks view and look for a new task of this change before retrying.',
			'zh-CN': '更改已发送但未收到响应，事后检查也无法确认，因此没有再次发送。请刷新任务视图，查看是否已有该更改的新任务，再决定是否重试。',
		},
	},
	// Any other client-side code, e.g. ClientError.Unknown: no advice beyond what happened.
	ClientError: {
		title: { 'en-US': 'Request failed', 'zh-CN': '请求失败' },
		advice: {
			'en-US': 'The request failed ({code}): {message} Details are in the log.',
			'zh-CN': '请求失败（{code}）：{message} 详细信息请查看日志。',
		},
	},
};
