/** Message of the refusal that asks the login form for the second factor (the form recognises it by this text). */
export const NEEDS_CODE = "Enter the 6-digit code from your authenticator app, or a recovery code.";
