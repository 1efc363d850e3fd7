/** Organisation roles (PRODUCT.md, People and roles). */
export const ROLES = ['admin', 'leader', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	leader: 'Leader',
	member: 'Member',
	viewer: 'Viewer'
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
	admin: 'Manages the organisation, its teams and people; writes every board',
	leader: 'Leadership: reads and writes every board, owns the leadership board',
	member: "Writes the boards of the teams they belong to; reads every board",
	viewer: 'Reads every board, changes nothing'
};

