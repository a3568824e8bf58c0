/** A Tencent Cloud API key pair, with a session token for temporary (STS, SSO, role) credentials. */
export interface Credentials {
	readonly secretId: string;
	readonly secretKey: string;
	readonly token?: string;
}

/** Either fixed credentials or a function that fetches the current ones (read from SecretStorage per call). */
export type CredentialsSource = Credentials | (() => Promise<Credentials>);

export function resolveCredentials(source: CredentialsSource): Promise<Credentials> {
	return typeof source === 'function' ? source() : Promise.resolve(source);
}
