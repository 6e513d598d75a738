// The status bar item `Clean Rooms: profile @ region`: what AWS calls would use, never credentials.
import * as vscode from 'vscode';
import type { AwsContext } from './awsContext';
import { describeSession, type SessionSummary } from './aws/session';

const REGION_SOURCE: Record<SessionSummary['regionSource'], string> = {
  setting: 'cleanrooms.region setting',
  AWS_REGION: 'AWS_REGION',
  AWS_DEFAULT_REGION: 'AWS_DEFAULT_REGION',
  profile: "the profile's region",
  default: 'default',
};

export function createStatusBar(ctx: AwsContext): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    'cleanrooms.session',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = 'Clean Rooms AWS Session';
  item.command = 'cleanrooms.selectProfile';
  const update = async () => {
    const s = await ctx.summary();
    item.text = `$(cloud) Clean Rooms: ${describeSession(s.profile, s.region)}`;
    item.tooltip = [
      'Clean Rooms AWS session',
      `Profile: ${s.profile ?? 'default credential chain'}`,
      `Region: ${s.region} (${REGION_SOURCE[s.regionSource]})`,
      `Endpoint: ${s.endpoint ?? 'AWS regional endpoint'}`,
      'Click to change the profile.',
    ].join('\n');
    item.show();
  };
  void update();
  return vscode.Disposable.from(
    item,
    ctx.onDidChangeSession(() => void update()),
  );
}
