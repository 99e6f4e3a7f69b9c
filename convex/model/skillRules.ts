// Skill listing rules without a database: field limits (shared with the app's forms).

export const SKILL_NAME_MIN = 2;
export const SKILL_NAME_MAX = 60;
export const DESCRIPTION_MAX = 280;
