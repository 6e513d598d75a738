// The status bar item `Clean Rooms: profile @ region`: what AWS calls would use, never credentials.
import * as vscode from 'vscode';
import type { AwsContext } from './awsFeatures';
import { describeSession } from './aws/session';

export function createStatusBar(ctx: AwsContext): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cleanrooms.session', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Clean Rooms AWS Session';
  item.command = 'cleanrooms.selectProfile';
  const update = () => {
    const s = ctx.summary();
    item.text = `$(cloud) Clean Rooms: ${describeSession(s.profile, s.region)}`;
    item.tooltip = [
      'Clean Rooms AWS session',
      `Profile: ${s.profile ?? 'default credential chain'}`,
      `Region: ${s.region}`,
      `Endpoint: ${s.endpoint ?? 'AWS regional endpoint'}`,
      'Click to change the profile.',
    ].join('\n');
    item.show();
  };
  update();
  return vscode.Disposable.from(item, ctx.onDidChangeSession(update));
}
