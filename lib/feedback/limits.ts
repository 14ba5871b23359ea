/**
 * Sizes and names of the feedback form's fields, apart from the schema so the
 * client form can use them without bundling the server-side rules.
 */
export const FEEDBACK_BODY_MAX_LENGTH = 5000

/**
 * The honeypot: a field people never see or fill in. Named like something a
 * form-filling bot is eager to complete.
 */
export const FEEDBACK_HONEYPOT_FIELD = 'website'

/** What the sender reads once the message is stored (or a bot tripped the honeypot). */
export const FEEDBACK_SENT_MESSAGE = '留言已发送，谢谢！编辑会尽快阅读。'
