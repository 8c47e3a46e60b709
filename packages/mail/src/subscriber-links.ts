/** The web app's subscription pages (apps/web routes); tokens are base64url, safe in a path. */
export function subscriberLinks(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, "");
  return {
    confirm: (token: string) => `${base}/confirm/${token}`,
    manage: (token: string) => `${base}/preferences/${token}`,
    unsubscribe: (token: string) => `${base}/unsubscribe/${token}`,
  };
}
