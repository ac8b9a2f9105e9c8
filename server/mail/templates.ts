/** Every message the product sends, with the data it needs: a missing template is a compile error. */
export type MailData = {
  application_received: { name: string; link: string };
  signup_existing: { link: string };
  partner_approved: { name: string; link: string };
  partner_rejected: { name: string; reason: string | null; link: string };
  team_invite: { inviterName: string; role: string; link: string };
  partner_invite: { inviterName: string; link: string };
  password_reset: { link: string };
  verify_email: { link: string };
  payout_sent: { title: string; body: string; link: string };
  commission_reversed: { title: string; body: string; link: string };
  fraud_hold: { title: string; body: string; link: string };
  terms_changed: { title: string; body: string; link: string };
  /** Optional mail: partners turn it off on their profile (settingsLink). */
  announcement: { title: string; body: string; link: string; settingsLink: string };
  document_approved: { document: string; link: string };
  document_rejected: { document: string; reason: string; link: string };
  document_expiring: { document: string; expiresOn: string; link: string };
};
export type MailTemplate = keyof MailData;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Rendered = { subject: string; html: string; text: string };
const page = (program: string, title: string, lines: string[], link: { href: string; label: string }): Rendered => ({
  subject: `${title} · ${program}`,
  text: `${title}\n\n${lines.join("\n\n")}\n\n${link.label}: ${link.href}\n\n${program}`,
  html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a"><h1 style="font-size:18px">${esc(title)}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join("")}<p><a href="${esc(link.href)}" style="background:#4f46e5;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">${esc(link.label)}</a></p><p style="color:#64748b;font-size:12px">${esc(program)}</p></body></html>`,
});

/** A partner notice (payout, reversal, hold, terms) as an e-mail: the same words as the portal's bell. */
const notice = (p: string, d: { title: string; body: string; link: string }, label: string) => page(p, d.title, [d.body].filter(Boolean), { href: d.link, label });

export const TEMPLATES: { [K in MailTemplate]: (program: string, d: MailData[K]) => Rendered } = {
  application_received: (p, d) =>
    page(p, `We received your application to ${p}`, [`Hi ${d.name}, thanks for applying.`, "The program team reviews every application; you will get an e-mail as soon as it is decided."], { href: d.link, label: "Sign in" }),
  signup_existing: (p, d) =>
    page(p, `Someone tried to sign up to ${p} with this address`, ["This address already has an account, so nothing was changed.", "If it was you, sign in, or choose a new password if you forgot it. If not, you can ignore this e-mail."], { href: d.link, label: "Reset your password" }),
  partner_approved: (p, d) => page(p, `Welcome to ${p}`, [`Hi ${d.name}, your application is approved.`, "Sign in to get your tracking links."], { href: d.link, label: "Sign in" }),
  partner_rejected: (p, d) =>
    page(p, `Your application to ${p}`, [`Hi ${d.name}, we are sorry: your application was not approved.`, ...(d.reason ? [`Reason: ${d.reason}`] : [])], { href: d.link, label: "Open the program site" }),
  team_invite: (p, d) => page(p, `You are invited to the ${p} team`, [`${d.inviterName} invited you to join as ${d.role}.`, "The link works once and for 7 days."], { href: d.link, label: "Set your password" }),
  partner_invite: (p, d) => page(p, `Your partner account at ${p}`, [`${d.inviterName} opened a partner account for you.`, "Choose a password to sign in. The link works once and for 7 days."], { href: d.link, label: "Set your password" }),
  password_reset: (p, d) =>
    page(p, "Reset your password", ["Someone (hopefully you) asked to reset the password of this account.", "The link works once and for one hour. If you did not ask, ignore this e-mail."], { href: d.link, label: "Choose a new password" }),
  verify_email: (p, d) => page(p, "Confirm your e-mail address", [`Confirm that this address is yours to finish signing up to ${p}.`, "The link works once and for 7 days."], { href: d.link, label: "Confirm my address" }),
  payout_sent: (p, d) => notice(p, d, "Open your statement"),
  commission_reversed: (p, d) => notice(p, d, "See your earnings"),
  fraud_hold: (p, d) => notice(p, d, "See the conversion"),
  terms_changed: (p, d) => notice(p, d, "Read your terms"),
  announcement: (p, d) => {
    const mail = page(p, d.title, d.body.split(/\n{2,}/).map((s) => s.trim()).filter(Boolean), { href: d.link, label: "Read it in the portal" });
    const why = "You receive announcements because they are on in your e-mail settings. Turn them off";
    return {
      subject: mail.subject,
      text: `${mail.text}\n\n${why}: ${d.settingsLink}`,
      html: mail.html.replace("</body>", `<p style="color:#64748b;font-size:12px">${esc(why)} <a href="${esc(d.settingsLink)}">in your settings</a>.</p></body>`),
    };
  },
  document_approved: (p, d) => page(p, `Your ${d.document} is approved`, ["Thank you: the program team checked and approved it."], { href: d.link, label: "See your documents" }),
  document_rejected: (p, d) =>
    page(p, `Your ${d.document} was not accepted`, [`Reason: ${d.reason}`, "Please upload a new one. Payouts that need it wait until it is approved."], { href: d.link, label: "Upload a new document" }),
  document_expiring: (p, d) =>
    page(p, `Your ${d.document} expires on ${d.expiresOn}`, ["Please upload a current one before then: payouts that need it are held once it has expired."], { href: d.link, label: "Upload a new document" }),
};
