export const ROLES = ["web", "crawler", "notifier"] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(args: string[]): Role[] {
  if (args.length === 0) return [...ROLES];
  const roles: Role[] = [];
  for (const arg of args) {
    if (!(ROLES as readonly string[]).includes(arg)) {
      throw new Error(`unknown app '${arg}': expected one of ${ROLES.join(", ")}`);
    }
    if (!roles.includes(arg as Role)) roles.push(arg as Role);
  }
  return roles;
}
