import { z } from "zod";
import { TEAM_ROLES } from "@/db/schema";
import { isCleanText } from "@/server/text";

const memberRole = z.enum(TEAM_ROLES.filter((r) => r !== "owner") as ["admin", "manager", "finance", "support", "viewer"], "Pick a role");
export const userId = z.string().min(1).max(64);
export const inviteInput = z.object({
  email: z.email("Enter a valid email address").max(254),
  name: z.string().trim().min(2, "Enter their name").max(120).refine((v) => isCleanText(v), "Use letters, digits and punctuation only"),
  role: memberRole,
});
export const changeRoleInput = z.object({ userId, role: memberRole });
export const password = z.string().min(10, "Use at least 10 characters").max(200);
export const setPasswordInput = z.object({ token: z.string().min(20).max(200), password });
export const changePasswordInput = z.object({ current: z.string().min(1, "Enter your current password").max(200), password });
export const totpCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, "Enter the 6-digit code from the app") });
export const disableTwoFactorInput = z.object({ password: z.string().min(1, "Enter your password").max(200) });
export const requireTwoFactorInput = z.object({ required: z.boolean() });
export const tokenInput = z.object({ token: z.string().min(20).max(200) });
