import * as vscode from 'vscode';
import { notificationText } from '../model/notifications';

/*
 * The only way the extension shows a notification (a unit test fails on any other call of
 * vscode.window.show*Message in src/). The message, and a modal dialog's detail, pass whole through
 * notificationText, so text from the API, a file or the workspace can never become a clickable command link,
 * even when a call site forgets to make its values inert. Button titles are our own words.
 */

type Show = (message: string, options: vscode.MessageOptions, ...items: string[]) => Thenable<string | undefined>;

function shown(show: Show, message: string, rest: readonly (string | vscode.MessageOptions)[]): Thenable<string | undefined> {
	const [first, ...others] = rest;
	const options: vscode.MessageOptions = typeof first === 'object' ? { ...first } : {};
	if (options.detail !== undefined) {
		options.detail = notificationText(options.detail);
	}
	const items = (typeof first === 'object' ? others : rest).filter((i): i is string => typeof i === 'string');
	return show(notificationText(message), options, ...items);
}

export function notifyError(message: string, ...items: string[]): Thenable<string | undefined>;
export function notifyError(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function notifyError(message: string, ...rest: (string | vscode.MessageOptions)[]): Thenable<string | undefined> {
	return shown(vscode.window.showErrorMessage, message, rest);
}

export function notifyWarning(message: string, ...items: string[]): Thenable<string | undefined>;
export function notifyWarning(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function notifyWarning(message: string, ...rest: (string | vscode.MessageOptions)[]): Thenable<string | undefined> {
	return shown(vscode.window.showWarningMessage, message, rest);
}

export function notifyInfo(message: string, ...items: string[]): Thenable<string | undefined>;
export function notifyInfo(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
export function notifyInfo(message: string, ...rest: (string | vscode.MessageOptions)[]): Thenable<string | undefined> {
	return shown(vscode.window.showInformationMessage, message, rest);
}
