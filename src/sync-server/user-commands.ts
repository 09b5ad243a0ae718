// `npm run server -- user …`: an admin's tools on the command line, working on the store
// directly (the server may be running or not). Every change to a password or a disabled
// account ends the user's sessions at once.
import { ROLES, type Role } from '../shared/sync';
import { generatePassword, hashPassword } from './auth/passwords';
import type { ServerStore } from './store/types';

export const USER_USAGE = `  npm run server -- user add NAME --role ROLE  add a user (moderator, supervisor, admin, or connector: a machine
                                               that may only POST /ingest); prints its password
  npm run server -- user list                  every user, with role and whether disabled
  npm run server -- user disable NAME          refuse NAME from now on and end NAME's sessions
  npm run server -- user enable NAME           let NAME sign in again
  npm run server -- user reset NAME            a new generated password for NAME (printed); ends NAME's sessions`;

export async function addUser(store: ServerStore, name: string, role: Role): Promise<string> {
  const password = generatePassword();
  await store.addUser(name, role, await hashPassword(password), Date.now());
  return password;
}

export interface CommandOutput {
  code: number;
  out?: string;
  err?: string;
}

export async function userCommand(
  store: ServerStore,
  verb: string | undefined,
  name: string | undefined,
  role: string | undefined,
): Promise<CommandOutput> {
  if (verb === 'list') {
    const users = await store.listUsers();
    if (!users.length) return { code: 0, out: 'No users yet: the first start creates an admin.' };
    const width = Math.max(...users.map((u) => u.name.length));
    return { code: 0, out: users.map((u) => `${u.name.padEnd(width)}  ${u.role.padEnd(10)}${u.disabled ? '  disabled' : ''}`).join('\n') };
  }
  if (!name) return { code: 2, err: `vigil-server: name the user.\n${USER_USAGE}` };
  const user = await store.userByName(name);
  if (verb === 'add') {
    if (!role || !(ROLES as readonly string[]).includes(role))
      return { code: 2, err: `vigil-server: give --role ${ROLES.join('|')}.\n${USER_USAGE}` };
    if (user) return { code: 1, err: `vigil-server: there is already a user called ${name}.` };
    const password = await addUser(store, name, role as Role);
    return { code: 0, out: `Added ${role} ${name}. Password: ${password}` };
  }
  if (!['disable', 'enable', 'reset'].includes(verb ?? ''))
    return { code: 2, err: `vigil-server: unknown command user ${verb ?? ''}.\n${USER_USAGE}` };
  if (!user) return { code: 1, err: `vigil-server: there is no user called ${name}.` };
  if (verb === 'reset') {
    const password = generatePassword();
    await store.setPassword(user.id, await hashPassword(password), Date.now());
    return { code: 0, out: `New password for ${name}: ${password} (every session of ${name} has ended).` };
  }
  const disable = verb === 'disable';
  if (user.disabled === disable) return { code: 0, out: `${name} is already ${disable ? 'disabled' : 'enabled'}.` };
  await store.setDisabled(user.id, disable, Date.now());
  return {
    code: 0,
    out: disable ? `Disabled ${name}; every session of ${name} has ended.` : `Enabled ${name}: ${name} may sign in again.`,
  };
}
