export {
  buildDigestMessage,
  buildMessage,
  fromAddress,
  type MessageEnvelope,
  messageIdDomain,
} from "./build-message.ts";
export {
  createMailTransport,
  type MailTransport,
  type SentInfo,
  type TransportConfig,
} from "./create-transport.ts";
export { type ChangeDescription, type DescribableChange, describeChange } from "./describe-change.ts";
export { escapeHtml, safeHref } from "./escape-html.ts";
export { comparatorWords, formatDeadline, formatQuantity } from "./format-quantity.ts";
export { MAIL_LOCALES, type MailLocale } from "./locale.ts";
export {
  compileMessageTemplate,
  type MessageTemplate,
  type MessageTemplateInput,
  type TemplateValues,
} from "./message-template.ts";
export { isPermanentRejection } from "./smtp-failure.ts";
export { subscriberLinks } from "./subscriber-links.ts";
export { summarizeCounts, summarizeSubject } from "./summarize-changes.ts";
export {
  CONFIRMATION_PREVIEW,
  type ConfirmationProps,
  confirmationPropsSchema,
  renderConfirmation,
} from "./templates/confirmation.ts";
export {
  DIGEST_PREVIEW,
  type DigestChange,
  type DigestProps,
  digestChangeSchema,
  digestPropsSchema,
  groupDigestChanges,
  renderDigest,
} from "./templates/digest.ts";
export type { RenderedMail } from "./templates/layout.ts";
export {
  renderSourceAlert,
  SOURCE_ALERT_PREVIEW,
  type SourceAlertProps,
  sourceAlertPropsSchema,
} from "./templates/source-alert.ts";
export { trackLabel } from "./track-label.ts";
