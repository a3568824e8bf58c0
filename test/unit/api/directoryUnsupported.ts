import type { CallOptions } from '../../../src/api/organizationClient';
import type * as D from '../../../src/api/directoryTypes';
import type * as W from '../../../src/api/writeTypes';

/**
 * A base for test fakes of OrganizationClient that only speak the task actions: every directory method rejects,
 * so a test that reaches one by accident fails loudly instead of hanging.
 */
export class DirectoryUnsupported {
	private unsupported(action: string): Promise<never> {
		return Promise.reject(new Error(`${action} is not implemented by this fake client`));
	}

	describeIdentityCenter(_request?: D.DescribeIdentityCenterRequest, _options?: CallOptions): Promise<D.DescribeIdentityCenterResponse> {
		return this.unsupported('DescribeIdentityCenter');
	}

	getUser(_request: D.GetUserRequest, _options?: CallOptions): Promise<D.GetUserResponse> {
		return this.unsupported('GetUser');
	}

	listUsers(_request: D.ListUsersRequest, _options?: CallOptions): Promise<D.ListUsersResponse> {
		return this.unsupported('ListUsers');
	}

	getGroup(_request: D.GetGroupRequest, _options?: CallOptions): Promise<D.GetGroupResponse> {
		return this.unsupported('GetGroup');
	}

	listGroups(_request: D.ListGroupsRequest, _options?: CallOptions): Promise<D.ListGroupsResponse> {
		return this.unsupported('ListGroups');
	}

	getRoleConfiguration(_request: D.GetRoleConfigurationRequest, _options?: CallOptions): Promise<D.GetRoleConfigurationResponse> {
		return this.unsupported('GetRoleConfiguration');
	}

	listRoleConfigurations(_request: D.ListRoleConfigurationsRequest, _options?: CallOptions): Promise<D.ListRoleConfigurationsResponse> {
		return this.unsupported('ListRoleConfigurations');
	}

	listRoleAssignments(_request: D.ListRoleAssignmentsRequest, _options?: CallOptions): Promise<D.ListRoleAssignmentsResponse> {
		return this.unsupported('ListRoleAssignments');
	}

	listRoleConfigurationProvisionings(
		_request: D.ListRoleConfigurationProvisioningsRequest,
		_options?: CallOptions,
	): Promise<D.ListRoleConfigurationProvisioningsResponse> {
		return this.unsupported('ListRoleConfigurationProvisionings');
	}

	describeOrganizationMembers(
		_request: D.DescribeOrganizationMembersRequest,
		_options?: CallOptions,
	): Promise<D.DescribeOrganizationMembersResponse> {
		return this.unsupported('DescribeOrganizationMembers');
	}

	createRoleAssignment(_request: W.CreateRoleAssignmentRequest, _options?: CallOptions): Promise<W.CreateRoleAssignmentResponse> {
		return this.unsupported('CreateRoleAssignment');
	}

	deleteRoleAssignment(_request: W.DeleteRoleAssignmentRequest, _options?: CallOptions): Promise<W.DeleteRoleAssignmentResponse> {
		return this.unsupported('DeleteRoleAssignment');
	}

	provisionRoleConfiguration(_request: W.RoleConfigurationTargetRequest, _options?: CallOptions): Promise<W.RoleProvisioningResponse> {
		return this.unsupported('ProvisionRoleConfiguration');
	}

	dismantleRoleConfiguration(_request: W.RoleConfigurationTargetRequest, _options?: CallOptions): Promise<W.RoleProvisioningResponse> {
		return this.unsupported('DismantleRoleConfiguration');
	}
}
