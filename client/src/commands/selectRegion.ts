// Clean Rooms: Select Region: stored in the user's `cleanrooms.region` setting.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';

/** Regions where AWS Clean Rooms is offered (AWS General Reference "AWS Clean Rooms endpoints and quotas"; User Guide "egress IP address ranges"). "Other region…" covers newer ones. */
const CLEAN_ROOMS_REGIONS: readonly { id: string; name: string }[] = [
  { id: 'us-east-1', name: 'US East (N. Virginia)' },
  { id: 'us-east-2', name: 'US East (Ohio)' },
  { id: 'us-west-2', name: 'US West (Oregon)' },
  { id: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { id: 'eu-west-1', name: 'Europe (Ireland)' },
  { id: 'eu-west-2', name: 'Europe (London)' },
  { id: 'eu-north-1', name: 'Europe (Stockholm)' },
  { id: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { id: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { id: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { id: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
];

interface RegionPick extends vscode.QuickPickItem {
  region?: string;
  other?: boolean;
}

const REGION_ID = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function registerSelectRegion(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.selectRegion', async () => {
    const current = (await ctx.summary()).region;
    const picks: RegionPick[] = [
      ...CLEAN_ROOMS_REGIONS.map((r) => ({
        label: r.id,
        description: `${r.name}${r.id === current ? ' · current' : ''}`,
        region: r.id,
      })),
      { label: 'Other region…', other: true },
    ];
    const pick = await vscode.window.showQuickPick(picks, {
      title: 'Clean Rooms: Select AWS Region',
      placeHolder: `Current: ${current}`,
    });
    if (!pick) return;
    let region = pick.region;
    if (pick.other) {
      region = await vscode.window.showInputBox({
        title: 'AWS region',
        prompt: 'Region id, e.g. us-east-1',
        value: current,
        validateInput: (v) =>
          REGION_ID.test(v.trim()) ? undefined : 'Enter a region id such as us-east-1.',
      });
      if (!region) return;
      region = region.trim();
    }
    await vscode.workspace
      .getConfiguration('cleanrooms')
      .update('region', region, vscode.ConfigurationTarget.Global);
  });
}
