// Client-side checks mirroring the server's rules, so mistakes are caught
// before a round trip. The server stays the authority.

/** The password policy shown to the operator. */
export const PASSWORD_POLICY = '8–64 位，须同时包含字母和数字，且不能与旧密码相同';

/** Returns an error text, or "" when the new password satisfies the policy. */
export function checkPassword(password: string, oldPassword = ''): string {
  if (password.length < 8 || password.length > 64) return '密码长度须为 8–64 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  if (oldPassword && password === oldPassword) return '新密码不能与旧密码相同';
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
