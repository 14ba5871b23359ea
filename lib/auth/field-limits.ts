/**
 * Sizes of the account form fields. Kept apart from the schemas so that client
 * forms can use them for `maxLength`/`minLength` without bundling the password list.
 */
export const DISPLAY_NAME_MAX_LENGTH = 32
export const EMAIL_MAX_LENGTH = 254
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128
/** Sign-in accepts longer input than registration so that it never says more than "wrong". */
export const SIGN_IN_PASSWORD_MAX_LENGTH = 1024
