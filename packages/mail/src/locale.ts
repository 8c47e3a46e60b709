export const MAIL_LOCALES = ["zh", "en"] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];
