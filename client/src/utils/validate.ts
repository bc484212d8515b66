// Client-side checks mirroring the server's rules, so mistakes are caught
// before a round trip. The server stays the authority.

/** The password policy shown to the operator. */
export const PASSWORD_POLICY = '8–64 位，须同时包含字母和数字，不能是常见密码或包含帐号名，且不能与旧密码相同';

/** Returns an error text, or "" when the new password satisfies the policy. */
export function checkPassword(password: string, oldPassword = ''): string {
  if (password.length < 8 || password.length > 64) return '密码长度须为 8–64 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (oldPassword && password === oldPassword) return '新密码不能与旧密码相同';
  return '';
}

/** The username rule shown to the operator (same as the server's). */
export const USERNAME_POLICY = '1–32 个字符，只能包含字母、数字和 _ - . @';

const USERNAME_CHARS = /^[\p{L}\p{Nd}_.@-]+$/u;

/**
 * Returns an error text, or "" when the username is acceptable. Mirrors the server:
 * letters and digits in the Unicode sense plus _ - . @, at most 32 bytes of UTF-8
 * (the server counts bytes, so a Chinese character uses 3 of the 32).
 */
export function checkUsername(username: string): string {
  if (username === '') return '请输入帐号';
  if (!USERNAME_CHARS.test(username)) return '帐号只能包含字母、数字和 _ - . @';
  if (new TextEncoder().encode(username).length > 32) {
    return /^\p{ASCII}*$/u.test(username) ? '帐号需为 1–32 个字符' : '帐号过长：最多 32 个字符，中文每字按 3 个计';
  }
  return '';
}

/** EncodingAESKey: exactly 43 letters or digits (WeChat Open Platform rule). */
export function checkEncodingAESKey(key: string): string {
  return /^[A-Za-z0-9]{43}$/.test(key) ? '' : 'EncodingAESKey 须为 43 位英文字母或数字';
}

/** Message token: 3–32 letters or digits (WeChat Open Platform rule). */
export function checkCallbackToken(token: string): string {
  return /^[A-Za-z0-9]{3,32}$/.test(token) ? '' : '消息校验 Token 须为 3–32 位英文字母或数字';
}
