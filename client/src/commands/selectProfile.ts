// Clean Rooms: Select Profile: a named profile from the shared AWS files, or the SDK's default
// chain. The choice is stored in the user's `cleanrooms.profile` setting.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import { listProfiles, sharedFilePaths } from '../aws/session';

interface ProfilePick extends vscode.QuickPickItem {
  profile: string | undefined;
}

export function registerSelectProfile(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.selectProfile', async () => {
    const paths = sharedFilePaths();
    const profiles = await listProfiles(paths);
    for (const p of profiles.filter((p) => p.kind === 'incomplete')) {
      ctx.log.warn(
        `Profile ${p.name} has no credential settings (keys, SSO, credential_process or role); calls with it will fail.`,
      );
    }
    const active = (await ctx.summary()).profile;
    const picks: ProfilePick[] = [
      {
        label: 'Default credential chain',
        description: active === undefined ? 'current' : undefined,
        detail:
          'Environment variables, then the default profile, SSO, credential_process, container or instance roles (as the AWS CLI does)',
        profile: undefined,
      },
      ...profiles.map((p) => ({
        label: p.name,
        description:
          [p.name === active ? 'current' : '', p.region ?? ''].filter(Boolean).join(' · ') ||
          undefined,
        detail:
          p.kind === 'incomplete'
            ? '$(warning) No credentials configured for this profile'
            : p.ssoSession
              ? `SSO session ${p.ssoSession.name}${p.ssoSession.startUrl ? ` (${p.ssoSession.startUrl})` : ''}`
              : p.kind,
        profile: p.name,
      })),
    ];
    const pick = await vscode.window.showQuickPick(picks, {
      title: 'Clean Rooms: Select AWS Profile',
      placeHolder: profiles.length
        ? 'Profile used for Clean Rooms calls'
        : `No profiles found in ${paths.config} or ${paths.credentials}`,
      matchOnDetail: true,
    });
    if (!pick) return;
    await vscode.workspace
      .getConfiguration('cleanrooms')
      .update('profile', pick.profile, vscode.ConfigurationTarget.Global);
  });
}
