import type { AccountEntry, NameLookup, PrincipalEntry } from '../../../src/model/names';

/** A NameLookup the test fills by hand; `set*` replace entries (as the directory does when a name arrives) and fire. */
export class FakeNames implements NameLookup {
	private readonly principals = new Map<string, PrincipalEntry>();
	private readonly accounts = new Map<number, AccountEntry>();
	private readonly listeners = new Set<() => void>();

	principal(principalType: string, principalId: string): PrincipalEntry | undefined {
		return this.principals.get(`${principalType}:${principalId}`);
	}

	account(targetUin: number): AccountEntry | undefined {
		return this.accounts.get(targetUin);
	}

	roleConfiguration(): undefined {
		return undefined;
	}

	readonly onDidChange = (listener: () => void): { dispose(): void } => {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	};

	user(id: string, userName: string, displayName = '', email = ''): this {
		this.principals.set(`User:${id}`, { state: 'found', kind: 'User', id, userName, displayName, email, status: 'Enabled', checkedAt: 1 });
		return this.fire();
	}

	group(id: string, groupName: string): this {
		this.principals.set(`Group:${id}`, { state: 'found', kind: 'Group', id, groupName, description: '', memberCount: 3, checkedAt: 1 });
		return this.fire();
	}

	missingPrincipal(kind: 'User' | 'Group', id: string): this {
		this.principals.set(`${kind}:${id}`, { state: 'notFound', kind, id, checkedAt: 1 });
		return this.fire();
	}

	named(uin: number, name: string): this {
		this.accounts.set(uin, { state: 'found', uin, name, memberType: 'Invite', nodeName: 'Root', checkedAt: 1 });
		return this.fire();
	}

	missingAccount(uin: number): this {
		this.accounts.set(uin, { state: 'notFound', uin, checkedAt: 1 });
		return this.fire();
	}

	unlistedAccount(uin: number): this {
		this.accounts.set(uin, { state: 'unlisted', uin, checkedAt: 1 });
		return this.fire();
	}

	private fire(): this {
		for (const listener of this.listeners) {
			listener();
		}
		return this;
	}
}
